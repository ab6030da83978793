#!/usr/bin/env node
import { createRequire as __iacCreateRequire } from 'node:module';
const require = __iacCreateRequire(import.meta.url);
import{a,b}from"./chunk-PFMTVTJH.js";import"./chunk-JYWMHKWN.js";export{a as isDenied,b as octokitDoctorPort};
//# sourceMappingURL=port-GSLN5FB7.js.map
