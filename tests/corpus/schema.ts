/** Validation against the Agent Trace 0.1.0 record schema (tests/fixtures/agent-trace, from the specification's README 6.1) with ajv and ajv-formats. */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { TRACE_SCHEMA } from "../helpers/temp_repo.ts";

const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(JSON.parse(await Deno.readTextFile(TRACE_SCHEMA)));

/** The schema errors of one record ([] when it is valid). */
export function schemaErrors(record: unknown): string[] {
  if (validate(record)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** The records of an export (JSONL), each checked against the schema; throws on the first error. */
export function validRecords(jsonl: string): Record<string, unknown>[] {
  const records = jsonl.trimEnd().split("\n").filter((l) => l).map((l) => JSON.parse(l));
  for (const record of records) {
    const errors = schemaErrors(record);
    if (errors.length) {
      throw new Error(`invalid record: ${errors.join("; ")}\n${JSON.stringify(record)}`);
    }
  }
  return records;
}
