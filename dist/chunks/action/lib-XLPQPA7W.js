import { createRequire as __iacCreateRequire } from 'node:module';
const require = __iacCreateRequire(import.meta.url);
import{b as a,c as b,d as c,e as d,f as e,g as f,h as g,i as h}from"./chunk-5N3ZZD5Q.js";import"./chunk-I7SZNUDS.js";import"./chunk-6F2FU7PP.js";export{b as Headers,h as HttpClient,e as HttpClientError,f as HttpClientResponse,a as HttpCodes,c as MediaTypes,d as getProxyUrl,g as isHttps};
//# sourceMappingURL=lib-XLPQPA7W.js.map
