import gov2021 from './schemas/gov-2021.json';
import gov2019 from './schemas/gov-2019.json';
import gov2008 from './schemas/gov-2008.json';

// The built-in schemas as written, not validated: for code that needs only their data and must stay
// small. The VS Code client's 新建年度报告 writes its skeleton from them without loading zod, which
// builtins.ts needs to validate them. A unit test keeps this list equal to builtinSchemas().
export const builtinSchemaData = [gov2021, gov2019, gov2008];
