#!/usr/bin/env node
import { createRequire as __iacCreateRequire } from 'node:module';
const require = __iacCreateRequire(import.meta.url);
var a=["alertmanager","grafana","alert"],e=class extends Error{constructor(s,r){super(r);this.field=s}field;name="PayloadError";retryable=!1;toString(){return`${this.field}: ${this.message}`}toJSON(){return{field:this.field,message:this.message}}};export{a,e as b};
//# sourceMappingURL=chunk-XXB2SMKU.js.map
