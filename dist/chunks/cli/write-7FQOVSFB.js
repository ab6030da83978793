#!/usr/bin/env node
import { createRequire as __iacCreateRequire } from 'node:module';
const require = __iacCreateRequire(import.meta.url);
import{a as c}from"./chunk-6NUB4QXX.js";import{d as l}from"./chunk-JYWMHKWN.js";var i=l(c(),1);function u(n,r,s){let e=(o,a)=>`# yaml-language-server: $schema=../schemas/${o}
# ${a} imported from ${s} by \`incident import alertmanager\`.
`,t={"routing.yaml":m(n,r,s)};return n.inhibitRules.length&&(t["inhibition.yaml"]=e("inhibition.schema.json","Inhibit rules")+(0,i.stringify)({inhibit_rules:n.inhibitRules},{lineWidth:0})),n.timeIntervals.length&&(t["time-intervals.yaml"]=e("time-intervals.schema.json","Time intervals")+(0,i.stringify)({time_intervals:n.timeIntervals},{lineWidth:0})),t}function m(n,r,s){let e=(0,i.parseDocument)(r??h);for(let o of n.channels)e.setIn(["channels",o.id],e.createNode(o.channel));let t=e.createNode(n.route);return t.commentBefore=` The route tree imported from ${s} (Alertmanager receivers are channels).`,e.set("route",t),e.toString({lineWidth:0})}function g(n){if(n===null)return new Set;let r=(0,i.parseDocument)(n).toJS()?.channels;return new Set(Object.keys(r??{}))}var h=`# yaml-language-server: $schema=../schemas/routing.schema.json
# Routing: channels, audiences, what each severity notifies, and the route tree.
channels: {}
audiences:
  on-call-primary: [{ rotation: routed, role: primary }]
by_severity:
  P0: { channels: [], notify: [on-call-primary] }
  P1: { channels: [], notify: [on-call-primary] }
  P2: { channels: [], notify: [on-call-primary] }
  P3: { channels: [], notify: [on-call-primary] }
route:
  name: root
`;export{g as existingChannelIds,u as importedFiles};
//# sourceMappingURL=write-7FQOVSFB.js.map
