import { createRequire as __iacCreateRequire } from 'node:module';
const require = __iacCreateRequire(import.meta.url);
import{a,b}from"./chunk-EQNX3IYD.js";import"./chunk-6F2FU7PP.js";export{a as isDenied,b as octokitDoctorPort};
//# sourceMappingURL=port-7G4H355E.js.map
