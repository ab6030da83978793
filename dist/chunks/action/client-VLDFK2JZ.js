import { createRequire as __iacCreateRequire } from 'node:module';
const require = __iacCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-EWMIY2UI.js";import"./chunk-I7SZNUDS.js";import"./chunk-6F2FU7PP.js";export{c as createOctokit,b as fetchFor,a as writeSpacingFromEnv};
//# sourceMappingURL=client-VLDFK2JZ.js.map
