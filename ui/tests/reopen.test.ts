import { describe, expect, it } from "vitest";
import { MockBackend } from "../src/lib/backend/mock";
import { Studio } from "../src/lib/app/state.svelte";

describe("the studio starts where the designer left off", () => {
  it("reopens the last design from its file, unchanged", async () => {
    const backend = new MockBackend();
    const studio = new Studio(backend);
    await studio.init();
    const last = studio.recent[0];
    expect(await studio.reopenLast()).toBe(true);
    expect([studio.name, studio.view, studio.dirty, studio.file?.path]).toEqual([last.name, "editor", false, last.path]);
    expect(studio.text).toBe(await backend.readFile(last.handle));
  });

  it("leaves an unsaved design's recovery copy to the designer instead", async () => {
    const backend = new MockBackend();
    await backend.recoveryKeep("untitled.json", '{"identity": {}}');
    const studio = new Studio(backend);
    await studio.init();
    expect(await studio.reopenLast()).toBe(false);
    expect([studio.hasDesign, studio.view, studio.recovered?.name]).toEqual([false, "home", "untitled.json"]);
  });

  it("starts a blank design, unsaved, in the editor", async () => {
    const studio = new Studio(new MockBackend());
    await studio.newBlank();
    expect([studio.name, studio.view, studio.dirty]).toEqual(["my-governance.json", "editor", true]);
    // Once a design is open, the start does not replace it.
    expect(await studio.reopenLast()).toBe(false);
  });
});
