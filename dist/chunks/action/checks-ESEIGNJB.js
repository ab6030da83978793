import { createRequire as __iacCreateRequire } from 'node:module';
const require = __iacCreateRequire(import.meta.url);
import{A as b,B as c,C as d,z as a}from"./chunk-LER42UZI.js";import"./chunk-EQNX3IYD.js";import"./chunk-6F2FU7PP.js";export{a as APP_TOKEN_SECRET,d as formatDoctor,b as peopleToAssign,c as runDoctor};
//# sourceMappingURL=checks-ESEIGNJB.js.map
