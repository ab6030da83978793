import { createRequire as __iacCreateRequire } from 'node:module';
const require = __iacCreateRequire(import.meta.url);
import{b as a,c as b,d as c,e as d}from"./chunk-HIB4FXQ6.js";import"./chunk-EQNX3IYD.js";import"./chunk-6F2FU7PP.js";export{a as APP_TOKEN_SECRET,d as formatDoctor,b as peopleToAssign,c as runDoctor};
//# sourceMappingURL=checks-B7MHECAM.js.map
