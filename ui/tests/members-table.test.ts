import { describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import schema from "@schemas/gco.schema.json";
import MembersTable from "../src/components/form/MembersTable.svelte";
import { buildFormModel, type ArrayField } from "../src/lib/schema/form-model";

/** The form model's field for the members list, as the editor builds it. */
function membersField(): ArrayField {
  const members = buildFormModel(schema as object).sections.find((s) => s.key === "members")?.spec;
  const explicit = members?.type === "object" ? members.fields.find((f) => f.key === "explicit") : undefined;
  if (explicit?.type !== "array") throw new Error("no members.explicit list in the form model");
  return explicit;
}

describe("the members table", () => {
  it("shows and takes propensity as a percentage, storing the share", () => {
    const edits: [string, unknown][] = [];
    const target = document.createElement("div");
    document.body.append(target);
    const app = mount(MembersTable, {
      target,
      props: { spec: membersField(), value: [{ id: "ada", weight: 2, propensity: 0.35 }], pointer: "/members/explicit", onchange: (p: string, v: unknown) => edits.push([p, v]) },
    });
    flushSync();
    const input = target.querySelector<HTMLInputElement>('input[aria-label="Member 1 propensity (%)"]');
    expect(input?.value).toBe("35");
    expect(target.textContent).toContain("Propensity %");
    input!.value = "72.5";
    input!.dispatchEvent(new Event("input", { bubbles: true }));
    expect(edits).toEqual([["/members/explicit/0/propensity", 0.725]]);
    unmount(app);
    target.remove();
  });
});
