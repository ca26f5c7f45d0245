// Cytoscape styles by node and edge kind, for both themes.
import type { Theme } from "../app/theme";

export const KIND_COLOURS: Record<string, string> = {
  member: "#6b8fb8",
  member_group: "#4f6f96",
  role: "#2f8a7e",
  decision_type: "#c0813a",
  tier: "#b5a13a",
  treasury: "#8a6d2f",
  escalation_level: "#b4574f",
  citizen: "#7a65b0",
  organism: "#9a6bb0",
  confluence: "#b06b9a",
  service: "#5d7f8f",
  mesh_node: "#3f7fae",
  trust_domain: "#3f7fae",
};

const SHAPES: Record<string, string> = {
  member: "ellipse",
  member_group: "ellipse",
  role: "round-rectangle",
  decision_type: "diamond",
  tier: "round-tag",
  treasury: "hexagon",
  escalation_level: "round-triangle",
  citizen: "round-pentagon",
  organism: "round-octagon",
  confluence: "star",
  service: "barrel",
  mesh_node: "ellipse",
};

export const EDGE_COLOURS: Record<string, string> = {
  holds: "#8aa0b8",
  proposes: "#2f8a7e",
  signs: "#7a65b0",
  authorises: "#c0813a",
  funds: "#8a6d2f",
  decides: "#b4574f",
  escalates: "#b4574f",
  delegates: "#6b8fb8",
  spans: "#b06b9a",
  connects: "#3f7fae",
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function cyStyle(theme: Theme, large: boolean): any[] {
  const text = theme === "dark" ? "#e6e9ef" : "#1c2330";
  const halo = theme === "dark" ? "#12161c" : "#ffffff";
  const s: any[] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    {
      selector: "node",
      style: {
        label: "data(label)",
        "font-size": 11,
        "font-family": "Inter, Segoe UI, system-ui, sans-serif",
        color: text,
        "text-valign": "bottom",
        "text-margin-y": 4,
        "text-outline-color": halo,
        "text-outline-width": 2,
        "min-zoomed-font-size": large ? 10 : 6,
        width: 26,
        height: 26,
        "background-color": "#888",
        "border-width": 0,
      },
    },
    {
      selector: "edge",
      style: {
        width: 1.4,
        "curve-style": large ? "haystack" : "bezier",
        "target-arrow-shape": large ? "none" : "triangle",
        "arrow-scale": 0.8,
        "line-color": "#9aa5b4",
        "target-arrow-color": "#9aa5b4",
        opacity: 0.75,
        label: large ? "" : "data(label)",
        "font-size": 9,
        color: text,
        "text-outline-color": halo,
        "text-outline-width": 2,
        "min-zoomed-font-size": 8,
      },
    },
    {
      selector: ":parent",
      style: {
        "background-opacity": theme === "dark" ? 0.12 : 0.07,
        "border-width": 1.5,
        "border-style": "dashed",
        "border-color": KIND_COLOURS.trust_domain,
        "text-valign": "top",
        "text-margin-y": -4,
        "font-weight": 600,
        padding: "18px",
        shape: "round-rectangle",
      },
    },
    {
      selector: "node:selected",
      style: { "border-width": 3, "border-color": "#e9b55f", "border-style": "solid" },
    },
    { selector: "edge:selected", style: { width: 3, opacity: 1 } },
    { selector: ".dim", style: { opacity: 0.18 } },
    { selector: ".hit", style: { "border-width": 4, "border-color": "#e9b55f" } },
  ];
  for (const [kind, colour] of Object.entries(KIND_COLOURS)) {
    s.push({ selector: `node[kind = "${kind}"]`, style: { "background-color": colour, shape: SHAPES[kind] ?? "ellipse" } });
  }
  s.push({ selector: 'node[kind = "member"]', style: { width: 16, height: 16 } });
  s.push({ selector: 'node[kind = "member_group"]', style: { width: 46, height: 46 } });
  s.push({ selector: 'node[kind = "treasury"]', style: { width: 40, height: 40 } });
  s.push({ selector: 'node[kind = "role"], node[kind = "decision_type"]', style: { width: 32, height: 32 } });
  for (const [kind, colour] of Object.entries(EDGE_COLOURS)) {
    s.push({ selector: `edge[kind = "${kind}"]`, style: { "line-color": colour, "target-arrow-color": colour } });
  }
  s.push({ selector: 'edge[kind = "escalates"]', style: { "line-style": "dashed", width: 2 } });
  s.push({ selector: 'edge[kind = "delegates"]', style: { "line-style": "dotted" } });
  return s;
}
