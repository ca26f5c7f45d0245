// How the topology draws an attack path over the graph (lib/insight/capture `attackOverlay`).
// Every role on the path differs by shape of its border and by a word in the legend, not by
// colour alone: the path is solid and thick, signers to capture dashed, vetoes double.
import type { Theme } from "../app/theme";

/** The path's colours: the attack itself, signers that must also be captured, vetoes that stop it. */
export const ATTACK_COLOURS = { on: "#c62f2f", signer: "#7a4fc4", veto: "#1f8a4c" };

/** The legend of an attack path: a swatch's border style and its meaning in words. */
export const ATTACK_LEGEND: { cls: string; border: string; label: string }[] = [
  { cls: "attacker", border: `3px solid ${ATTACK_COLOURS.on}`, label: "Outsider with acquired weight" },
  { cls: "attack-on", border: `3px solid ${ATTACK_COLOURS.on}`, label: "On the path (decision, what it reaches)" },
  { cls: "attack-signer", border: `3px dashed ${ATTACK_COLOURS.signer}`, label: "Must sign: to capture too" },
  { cls: "attack-veto", border: `4px double ${ATTACK_COLOURS.veto}`, label: "May veto: can stop it" },
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function attackStyle(theme: Theme): any[] {
  const text = theme === "dark" ? "#f2f4f8" : "#121821";
  const halo = theme === "dark" ? "#12161c" : "#ffffff";
  // Font size and weight change only on the path's own added elements: Cytoscape caches label
  // textures per element, and restyling an existing label's font clips it to its old width.
  return [
    { selector: ".attack-dim", style: { opacity: 0.22 } },
    { selector: ".attack-on, .attack-signer, .attack-veto", style: { opacity: 1, color: text, "z-index": 20 } },
    { selector: "node.attack-virtual", style: { "font-size": 13, "font-weight": 700 } },
    { selector: ".attack-on", style: { "border-width": 5, "border-style": "solid", "border-color": ATTACK_COLOURS.on } },
    { selector: ".attack-signer", style: { "border-width": 5, "border-style": "dashed", "border-color": ATTACK_COLOURS.signer } },
    { selector: ".attack-veto", style: { "border-width": 7, "border-style": "double", "border-color": ATTACK_COLOURS.veto } },
    {
      selector: 'node[kind = "attacker"]',
      style: { shape: "round-rectangle", width: 40, height: 40, "background-color": ATTACK_COLOURS.on, "border-color": ATTACK_COLOURS.on },
    },
    { selector: 'node[kind = "power"]', style: { shape: "star", width: 40, height: 40, "background-color": "#8a6d2f" } },
    {
      selector: ".attack-edge",
      style: {
        opacity: 1,
        width: 4,
        "line-color": ATTACK_COLOURS.on,
        "target-arrow-color": ATTACK_COLOURS.on,
        "target-arrow-shape": "triangle",
        "curve-style": "bezier",
        label: "data(label)",
        color: text,
        "text-background-color": halo,
        "text-background-opacity": 0.85,
        "text-background-padding": "2px",
        "z-index": 19,
      },
    },
    { selector: "edge.attack-virtual", style: { "font-size": 12, "font-weight": 700 } },
    { selector: 'edge[kind = "attack_sign"], .attack-edge-sign', style: { "line-color": ATTACK_COLOURS.signer, "target-arrow-color": ATTACK_COLOURS.signer, "line-style": "dashed" } },
    { selector: 'edge[kind = "attack_veto"]', style: { "line-color": ATTACK_COLOURS.veto, "target-arrow-color": ATTACK_COLOURS.veto, "target-arrow-shape": "tee", "line-style": "solid" } },
  ];
}
