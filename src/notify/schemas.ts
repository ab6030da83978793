// The payload contracts of the notification webhooks, as shipped JSON Schemas (schemas/ is a public
// contract): registered with the others so they compile and are tested like every schema.
import phoneCall from "../../schemas/phone-call-webhook.schema.json" with { type: "json" };
import webhookNotification from "../../schemas/webhook-notification.schema.json" with { type: "json" };
import type { SchemaSet } from "../config/schema-check.js";

export const notifySchemas: SchemaSet = {
  "phone-call-webhook.schema.json": phoneCall,
  "webhook-notification.schema.json": webhookNotification,
};
