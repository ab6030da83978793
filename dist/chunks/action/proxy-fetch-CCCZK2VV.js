import { createRequire as __iacCreateRequire } from 'node:module';
const require = __iacCreateRequire(import.meta.url);
import{a as o,i as t}from"./chunk-5N3ZZD5Q.js";import"./chunk-I7SZNUDS.js";import{d as r}from"./chunk-6F2FU7PP.js";var e=r(o(),1);function a(n){let i=new t().getAgentDispatcher(n);return(async(s,c)=>(0,e.fetch)(s,{...c,dispatcher:i}))}export{a as proxyFetch};
//# sourceMappingURL=proxy-fetch-CCCZK2VV.js.map
