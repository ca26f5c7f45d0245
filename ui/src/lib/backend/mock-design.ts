// A small, complete design embedded in the mock backend: the canned data of unit tests and
// of `npm run dev` in a plain browser.

export const MOCK_DESIGN = {
  identity: {
    name: "harbour-commons",
    display_name: "Harbour Commons",
    kind: "cooperative",
    version: "1.0.0",
    description:
      "A community-owned harbour workspace: members decide by one member, one vote; a stewards' council runs the budget.",
    jurisdiction: "Netherlands: coöperatie U.A.",
  },
  members: {
    explicit: [
      { id: "ada", name: "Ada Visser", weight: 1, propensity: 0.9, roles: ["member", "steward"] },
      { id: "bram", name: "Bram de Wit", weight: 1, propensity: 0.85, roles: ["member", "steward"] },
      { id: "chloe", name: "Chloé Martin", weight: 1, propensity: 0.8, roles: ["member", "steward", "treasurer"] },
      { id: "daan", name: "Daan Bakker", weight: 1, propensity: 0.7, roles: ["member", "mediator"] },
      { id: "eva", name: "Eva Jansen", weight: 1, propensity: 0.75, roles: ["member"] },
      { id: "femi", name: "Femi Adeyemi", weight: 1, propensity: 0.6, roles: ["member"] },
    ],
  },
  roles: [
    {
      id: "member",
      name: "Member",
      description: "Every member of the cooperative.",
      permissions: [
        { action: "vote", resource: "decision/general" },
        { action: "propose", resource: "decision/general" },
      ],
    },
    {
      id: "steward",
      name: "Stewards' council",
      seats: 3,
      term: { length_days: 365, max_consecutive: 2, staggered: true },
      eligibility: { elected_by: "general", incompatible_roles: ["mediator"] },
      permissions: [
        { action: "propose", resource: "decision/budget" },
        { action: "sign", resource: "treasury" },
      ],
    },
    {
      id: "treasurer",
      name: "Treasurer",
      seats: 1,
      term: { length_days: 365 },
      eligibility: { requires_roles: ["steward"] },
      permissions: [{ action: "spend", resource: "treasury/operations" }],
    },
    {
      id: "mediator",
      name: "Mediator",
      seats: 1,
      term: { length_days: 730 },
      permissions: [{ action: "decide", resource: "escalation/mediation" }],
    },
  ],
  decision_types: [
    {
      id: "general",
      name: "General assembly vote",
      quorum: 0.5,
      approval: 0.5,
      voting_delay: 86400,
      voting_period: 604800,
      proposal_threshold: { roles: ["member"] },
    },
    {
      id: "budget",
      name: "Budget decision",
      quorum: 0.4,
      approval: 0.6,
      voting_delay: 86400,
      voting_period: 432000,
      timelock: 172800,
      signers: { role: "steward", required: 2, of: 3 },
    },
    {
      id: "amendment",
      name: "Constitutional amendment",
      quorum: 0.6,
      approval: 0.75,
      voting_delay: 604800,
      voting_period: 1209600,
      timelock: 604800,
    },
  ],
  treasury: {
    currency: "EUR",
    balance: 84000,
    categories: [
      { id: "operations", name: "Operations", budget_share: 0.6 },
      { id: "maintenance", name: "Harbour maintenance", budget_share: 0.3 },
      { id: "solidarity", name: "Solidarity fund", budget_share: 0.1 },
    ],
    inflows: [{ source: "Desk rent", amount: 9000, period: "month" }],
    tiers: [
      { id: "small", min: 0, max: 2000, decision_type: "budget" },
      { id: "large", min: 2000, decision_type: "general", signers: { role: "steward", required: 2 } },
    ],
    spending_limits: [{ role: "treasurer", category: "operations", amount: 5000, period: "month" }],
  },
  escalation: {
    levels: [
      { id: "mediation", name: "Peer mediation", decided_by: { kind: "role", role: "mediator" }, next: "council", time_limit_days: 14 },
      { id: "council", name: "Stewards' council", decided_by: { kind: "role", role: "steward" }, next: "assembly", time_limit_days: 30 },
      { id: "assembly", name: "General assembly", decided_by: { kind: "decision_type", decision_type: "general" }, next: "arbitration", time_limit_days: 60 },
      { id: "arbitration", name: "External arbitration", decided_by: { kind: "external", body: "Netherlands Arbitration Institute" }, terminal: true },
    ],
  },
  delegation: { allowed: true, max_depth: 1, edges: [{ from: "femi", to: "eva", share: 1 }] },
  constitution: {
    preamble: "We hold the harbour in common, for the members of today and tomorrow.",
    articles: [
      {
        id: "purpose",
        title: "Purpose",
        clauses: [
          { id: "purpose-1", title: "Commons", text: "The workspace is held in common and never sold for private gain.", entrenched: true },
        ],
      },
      {
        id: "membership",
        title: "Membership",
        clauses: [{ id: "membership-1", text: "Anyone who works from the harbour may become a member." }],
      },
    ],
    amendment_rules: [
      { id: "entrenched", decision_type: "amendment", clauses: ["purpose"], notice_days: 30 },
      { id: "ordinary", decision_type: "amendment", clauses: ["membership"], notice_days: 14 },
    ],
  },
  mesh: {
    nodes: [
      { id: "hub", name: "Harbour hub", kind: "hub", operator: "Harbour Commons" },
      { id: "witness", name: "Witness", kind: "witness", operator: "Open Ledger Foundation" },
      { id: "bank", name: "Bank gateway", kind: "gateway", operator: "Triodos" },
    ],
    connections: [
      { from: "hub", to: "witness", kind: "trust" },
      { from: "hub", to: "bank", kind: "data" },
    ],
    trust_domains: [
      {
        id: "core",
        name: "Core",
        members: ["hub", "witness"],
        policies: [{ id: "attest", rule: "Every policy change is attested by the witness.", enforcement: "required" }],
      },
    ],
  },
};
