import { createRequire as __iacCreateRequire } from 'node:module';
const require = __iacCreateRequire(import.meta.url);
import{B as a,C as b,D as c,E as d}from"./chunk-F3V7YYG2.js";import"./chunk-EQNX3IYD.js";import"./chunk-6F2FU7PP.js";export{a as APP_TOKEN_SECRET,d as formatDoctor,b as peopleToAssign,c as runDoctor};
//# sourceMappingURL=checks-S4E24UCM.js.map
