//! Safe owners and threshold, Zodiac Roles v2, and a Safe{Wallet} Transaction Builder batch.
//!
//! Export: every signer set of the design (`signers` of decision types, tiers and routes) is a
//! Safe whose owners are the role's holders and whose threshold is m; every role that may spend
//! is a Zodiac role per treasury category (the operator picks the category by picking the role),
//! scoped to the token's `transfer` and held to the spending limits as Roles allowances; the
//! batch applies that configuration to the Roles modifier. Import: the JSON the Safe Transaction
//! Service gives for a Safe, into a role of owners and a decision type signed m of n.

pub mod abi;

use super::{Answers, ExportFile, Exported, Gap, Imported, Question};
use crate::error::IntakeError;
use abi::{Token, checksum_address, hex0x, parse_address};
use cogov_model::{
    Action, Clock, DecisionType, ErrorCode, GapCode, Gco, Identity, Member, Members, Permission, Resource, Role,
    Signers,
};
use serde_json::{Value, json};
use sha2::Digest;
use std::collections::{BTreeMap, BTreeSet};

/// The chain the files name: the design has none, so Ethereum mainnet, listed in addresses.json.
const CHAIN_ID: u64 = 1;
/// The Safe contract version the exported Safe descriptions name.
const SAFE_VERSION: &str = "1.4.1";
/// The Transaction Builder version whose batch format the export follows.
const TX_BUILDER_VERSION: &str = "1.18.0";
/// More owners than any Safe in use has; bounds the import.
const MAX_OWNERS: usize = 1000;
/// The role an imported Safe's owners hold.
const OWNER_ROLE: &str = "safe-owner";
/// The decision type an imported Safe's transactions are.
const SAFE_DECISION: &str = "safe-transaction";
const ZERO_ADDRESS: &str = "0x0000000000000000000000000000000000000000";

// ---------------------------------------------------------------------------------------------
// Addresses

/// An address the export writes, and whether the design gave it or a placeholder stands in.
#[derive(Debug, Clone)]
pub(crate) struct Addr {
    pub(crate) bytes: [u8; 20],
    pub(crate) placeholder: bool,
}

impl Addr {
    /// EIP-55 form.
    pub(crate) fn text(&self) -> String {
        checksum_address(&self.bytes)
    }
}

/// A stand-in address: the first 20 bytes of SHA-256 over the design's name and what it stands
/// for, so the same design always gets the same placeholders and nobody's real address.
pub(crate) fn placeholder(design: &str, what: &str) -> Addr {
    let digest = sha2::Sha256::digest(format!("cogov placeholder address\0{design}\0{what}").as_bytes());
    let mut bytes = [0u8; 20];
    bytes.copy_from_slice(&digest[..20]);
    Addr { bytes, placeholder: true }
}

/// A member's address: its id when the id is an Ethereum address, else a placeholder.
pub(crate) fn member_address(gco: &Gco, member: &Member) -> Addr {
    match parse_address(&member.id) {
        Some(bytes) => Addr { bytes, placeholder: false },
        None => placeholder(&gco.identity.name, &format!("member:{}", member.id)),
    }
}

/// The explicit members holding `role`, in member order.
pub(crate) fn holders<'a>(gco: &'a Gco, role: &str) -> Vec<&'a Member> {
    gco.members.explicit.iter().filter(|m| m.roles.iter().any(|r| r == role)).collect()
}

/// Whether generated members hold `role` (they have no addresses, so cannot be owners).
pub(crate) fn population_holds(gco: &Gco, role: &str) -> bool {
    gco.members.population.as_ref().is_some_and(|p| p.roles.iter().any(|r| r == role))
}

/// A role's Safe, when it has a permission on a resource `safe-0x…` (what the import writes).
fn declared_safe(role: &Role) -> Option<[u8; 20]> {
    role.permissions.iter().find_map(|p| p.resource.strip_prefix("resource/safe-").and_then(parse_address))
}

/// A Roles key (bytes32) for a readable name: the name's bytes when it fits in 31, else a
/// readable prefix and a hash suffix, so distinct names never share a key.
fn key_name(name: &str) -> String {
    if name.len() <= 31 {
        return name.to_owned();
    }
    let digest = sha2::Sha256::digest(name.as_bytes());
    let mut prefix: String = String::new();
    for ch in name.chars() {
        if prefix.len() + ch.len_utf8() > 22 {
            break;
        }
        prefix.push(ch);
    }
    format!("{prefix}~{}", &hex0x(&digest[..4])[2..])
}

fn key_bytes(name: &str) -> Vec<u8> {
    let mut b = name.as_bytes().to_vec();
    b.resize(32, 0);
    b
}

// ---------------------------------------------------------------------------------------------
// Export

/// One Safe of the export: a signer set.
struct SafePlan {
    role: String,
    threshold: u32,
    owners: Vec<Addr>,
    address: Addr,
    serves: Vec<String>,
}

/// One Zodiac role: a design role's spending from one category.
struct ZodiacRole {
    key_name: String,
    role: String,
    category: Option<String>,
    members: Vec<Addr>,
    allowances: Vec<String>,
}

/// One Roles allowance: a spending limit.
struct Allowance {
    key_name: String,
    amount: u128,
    period: u64,
    pointer: String,
}

/// Decimals of the token a currency is paid in (the usual stablecoins have 6, others 18).
fn decimals(currency: &str) -> u32 {
    match currency.to_ascii_uppercase().as_str() {
        "USDC" | "USDT" | "EURC" | "PYUSD" | "USD" | "EUR" | "GBP" => 6,
        _ => 18,
    }
}

/// An amount in the token's smallest unit, and whether that is exact.
pub(crate) fn base_units(amount: f64, decimals: u32) -> (u128, bool) {
    let scale = 10f64.powi(decimals as i32);
    if amount.fract() == 0.0 && amount < 9.0e15 {
        return ((amount as u128) * 10u128.pow(decimals), true);
    }
    let scaled = (amount * scale).round();
    let units = scaled.max(0.0) as u128;
    (units, (units as f64) / scale == amount)
}

/// Writes the Safes, the Zodiac Roles configuration, the batch and the address list.
pub fn export(gco: &Gco) -> Result<Exported, IntakeError> {
    let design = gco.identity.name.clone();
    let mut gaps = Vec::new();

    // Safes: one per (role, m) over every place the design names signers.
    let mut wanted: BTreeMap<(String, u32), (Option<u32>, Vec<String>)> = BTreeMap::new();
    let mut note = |s: &Signers, pointer: String| {
        let e = wanted.entry((s.role.clone(), s.required)).or_insert((s.of, Vec::new()));
        e.1.push(pointer);
    };
    for (i, d) in gco.decision_types.iter().enumerate() {
        if let Some(s) = &d.signers {
            note(s, format!("/decision_types/{i}/signers"));
        }
    }
    if let Some(t) = &gco.treasury {
        for (i, tier) in t.tiers.iter().enumerate() {
            if let Some(s) = &tier.signers {
                note(s, format!("/treasury/tiers/{i}/signers"));
            }
            for (j, r) in tier.routes.iter().enumerate() {
                if let Some(s) = &r.signers {
                    note(s, format!("/treasury/tiers/{i}/routes/{j}/signers"));
                }
            }
        }
    }
    let mut safes = Vec::new();
    for ((role_id, m), (of, serves)) in wanted {
        let pointer = serves[0].clone();
        let Some(role) = gco.roles.iter().find(|r| r.id == role_id) else { continue };
        let members = holders(gco, &role_id);
        if population_holds(gco, &role_id) {
            gaps.push(Gap::new(
                GapCode::SafeSignerSet,
                &pointer,
                format!("generated members hold `{role_id}`; they have no addresses and are not owners of its Safe"),
            ));
        }
        if members.is_empty() || m as usize > members.len() {
            gaps.push(Gap::new(
                GapCode::SafeSignerSet,
                &pointer,
                format!(
                    "`{role_id}` has {} listed holder(s), too few for {m} signatures: no Safe is written for it",
                    members.len()
                ),
            ));
            continue;
        }
        let n = of.or(role.seats);
        if let Some(n) = n.filter(|&n| n as usize != members.len()) {
            gaps.push(Gap::new(
                GapCode::SafeSignerSet,
                &pointer,
                format!(
                    "{m} of {n} signers from `{role_id}`, but it has {} listed holders: the Safe's owners are those {}",
                    members.len(),
                    members.len()
                ),
            ));
        }
        let address = match declared_safe(role) {
            Some(bytes) => Addr { bytes, placeholder: false },
            None => placeholder(&design, &format!("safe:{role_id}:{m}")),
        };
        let owners = members.iter().map(|mm| member_address(gco, mm)).collect();
        safes.push(SafePlan { role: role_id, threshold: m, owners, address, serves });
    }

    // What a Safe does not hold of each decision type.
    for (i, d) in gco.decision_types.iter().enumerate() {
        let at = format!("/decision_types/{i}");
        match &d.signers {
            None => gaps.push(Gap::new(
                GapCode::SafeNoSigners,
                at,
                format!("`{}` (quorum {}, approval {}) has no signers", d.id, d.quorum, d.approval),
            )),
            Some(s) => gaps.push(Gap::new(
                GapCode::SafeVoteNotHeld,
                at,
                format!(
                    "`{}`: the Safe holds {} of `{}`; not its vote (quorum {}, approval {}, delay {}, period {}, timelock {}{})",
                    d.id,
                    s.required,
                    s.role,
                    d.quorum,
                    d.approval,
                    d.voting_delay,
                    d.voting_period,
                    d.timelock,
                    if d.veto.is_empty() { String::new() } else { format!(", {} veto holder(s)", d.veto.len()) }
                ),
            )),
        }
    }

    // Zodiac roles and allowances from spend permissions and spending limits.
    let currency = gco.treasury.as_ref().map_or("ETH".to_owned(), |t| t.currency.clone());
    let dec = decimals(&currency);
    let categories: Vec<String> =
        gco.treasury.as_ref().map(|t| t.categories.iter().map(|c| c.id.clone()).collect()).unwrap_or_default();
    let limits = gco.treasury.as_ref().map(|t| t.spending_limits.clone()).unwrap_or_default();
    let mut allowances: BTreeMap<usize, Allowance> = BTreeMap::new();
    let mut zroles: Vec<ZodiacRole> = Vec::new();
    let safe_roles: BTreeSet<&str> = safes.iter().map(|s| s.role.as_str()).collect();
    for (ri, role) in gco.roles.iter().enumerate() {
        let mut cats: BTreeSet<Option<String>> = BTreeSet::new();
        let mut other: Vec<String> = Vec::new();
        for p in &role.permissions {
            let held_by_safe =
                matches!(p.action, Action::Sign | Action::Execute) && safe_roles.contains(role.id.as_str());
            if p.action == Action::Spend && p.resource == "treasury" {
                if categories.is_empty() {
                    cats.insert(None);
                }
                cats.extend(categories.iter().cloned().map(Some));
            } else if let (Action::Spend, Some(c)) = (p.action, p.resource.strip_prefix("treasury/")) {
                cats.insert(Some(c.to_owned()));
            } else if !held_by_safe && !p.resource.starts_with("resource/safe-") {
                other.push(format!("{} {}", p.action.as_str(), p.resource));
            }
        }
        let mut extra = Vec::new();
        if role.term.is_some() {
            extra.push("term".to_owned());
        }
        if role.election_method.is_some() {
            extra.push("election method".to_owned());
        }
        if role.eligibility != cogov_model::Eligibility::default() {
            extra.push("eligibility".to_owned());
        }
        if !other.is_empty() || !extra.is_empty() {
            let mut what = Vec::new();
            if !other.is_empty() {
                what.push(format!("permissions {}", other.join(", ")));
            }
            what.extend(extra);
            gaps.push(Gap::new(
                GapCode::SafeRoleNotHeld,
                format!("/roles/{ri}"),
                format!("`{}`: {}", role.id, what.join("; ")),
            ));
        }
        if cats.is_empty() {
            continue;
        }
        let members: Vec<Addr> = holders(gco, &role.id).iter().map(|m| member_address(gco, m)).collect();
        if population_holds(gco, &role.id) {
            gaps.push(Gap::new(
                GapCode::SafeSignerSet,
                format!("/roles/{ri}"),
                format!(
                    "generated members hold `{}`; they have no addresses and are not assigned its Zodiac roles",
                    role.id
                ),
            ));
        }
        for cat in cats {
            let mut keys = Vec::new();
            for (li, l) in limits.iter().enumerate() {
                let role_ok = l.role.as_deref().is_none_or(|r| r == role.id);
                let cat_ok = match (&l.category, &cat) {
                    (None, _) => true,
                    (Some(lc), Some(c)) => lc == c,
                    (Some(_), None) => false,
                };
                if !(role_ok && cat_ok) {
                    continue;
                }
                let a = allowances.entry(li).or_insert_with(|| {
                    let pointer = format!("/treasury/spending_limits/{li}");
                    let (amount, exact) = base_units(l.amount, dec);
                    if !exact {
                        gaps.push(Gap::new(
                            GapCode::Rounded,
                            &pointer,
                            format!("{} {currency} is {amount} in units of 10^-{dec}", l.amount),
                        ));
                    }
                    let name = format!(
                        "limit:{}:{}",
                        l.role.as_deref().unwrap_or("all"),
                        l.category.as_deref().unwrap_or("all")
                    );
                    Allowance {
                        key_name: key_name(&name),
                        amount,
                        period: (l.period.days() * 86_400.0) as u64,
                        pointer,
                    }
                });
                keys.push(a.key_name.clone());
            }
            let name = format!("spend:{}:{}", role.id, cat.as_deref().unwrap_or("all"));
            zroles.push(ZodiacRole {
                key_name: key_name(&name),
                role: role.id.clone(),
                category: cat,
                members: members.clone(),
                allowances: keys,
            });
        }
    }
    zroles.sort_by(|a, b| a.key_name.cmp(&b.key_name));

    // Treasury tiers: a Safe's threshold does not depend on the amount.
    if let Some(t) = &gco.treasury {
        for (i, tier) in t.tiers.iter().enumerate() {
            if tier.min > 0.0 || tier.max.is_some() {
                gaps.push(Gap::new(
                    GapCode::SafeTierAmount,
                    format!("/treasury/tiers/{i}"),
                    format!(
                        "tier `{}` covers [{}, {}) {}: the Safe that signs it accepts any amount",
                        tier.id,
                        tier.min,
                        tier.max.map_or("∞".to_owned(), |m| m.to_string()),
                        t.currency
                    ),
                ));
            }
        }
        let mut parts = Vec::new();
        if t.balance > 0.0 {
            parts.push(format!("balance {}", t.balance));
        }
        if !t.inflows.is_empty() {
            parts.push(format!("{} inflow(s)", t.inflows.len()));
        }
        if t.categories.iter().any(|c| c.budget_share.is_some()) {
            parts.push("category budget shares".to_owned());
        }
        if !parts.is_empty() {
            gaps.push(Gap::new(
                GapCode::SafeDomainNotHeld,
                "/treasury",
                format!("{} are not settings of a Safe", parts.join(", ")),
            ));
        }
    }
    domain_gaps(gco, GapCode::SafeDomainNotHeld, &mut gaps);

    // Addresses: the Roles modifier, the treasury Safe (the avatar), the token.
    let roles_mod = placeholder(&design, "roles-modifier");
    let treasury_safe = treasury_safe(gco, &safes).unwrap_or_else(|| placeholder(&design, "safe:treasury"));
    let token = placeholder(&design, &format!("token:{currency}"));

    let mut files = Vec::new();
    for s in &safes {
        let modules: Vec<String> =
            if !zroles.is_empty() && s.address.bytes == treasury_safe.bytes { vec![roles_mod.text()] } else { vec![] };
        let v = json!({
            "address": s.address.text(),
            "nonce": 0,
            "threshold": s.threshold,
            "owners": s.owners.iter().map(Addr::text).collect::<Vec<_>>(),
            "modules": modules,
            "guard": ZERO_ADDRESS,
            "version": SAFE_VERSION,
        });
        files.push(json_file(&format!("safes/{}-{}-of-{}.json", s.role, s.threshold, s.owners.len()), &v));
    }

    if !zroles.is_empty() {
        let allowance_list: Vec<&Allowance> = {
            let mut v: Vec<&Allowance> = allowances.values().collect();
            v.sort_by(|a, b| a.key_name.cmp(&b.key_name));
            v
        };
        files.push(json_file("roles.json", &roles_json(&zroles, &allowance_list, &roles_mod, &treasury_safe, &token)));
        let batch = batch_json(gco, &zroles, &allowance_list, &roles_mod, &treasury_safe, &token);
        files.push(json_file("roles-batch.json", &batch));
    }

    // Every address written, with whether it is a placeholder.
    let mut members = serde_json::Map::new();
    for m in &gco.members.explicit {
        let a = member_address(gco, m);
        members.insert(m.id.clone(), json!({ "address": a.text(), "placeholder": a.placeholder }));
    }
    let mut safes_v = serde_json::Map::new();
    for s in &safes {
        safes_v.insert(
            format!("safes/{}-{}-of-{}.json", s.role, s.threshold, s.owners.len()),
            json!({ "address": s.address.text(), "placeholder": s.address.placeholder, "role": s.role, "threshold": s.threshold, "serves": s.serves }),
        );
    }
    let addresses = json!({
        "chainId": CHAIN_ID,
        "members": members,
        "safes": safes_v,
        "rolesModifier": { "address": roles_mod.text(), "placeholder": true },
        "avatar": { "address": treasury_safe.text(), "placeholder": treasury_safe.placeholder },
        "tokens": { currency.clone(): { "address": token.text(), "decimals": dec, "placeholder": true } },
    });
    files.push(json_file("addresses.json", &addresses));

    let placeholder_members: Vec<&str> =
        gco.members.explicit.iter().filter(|m| parse_address(&m.id).is_none()).map(|m| m.id.as_str()).collect();
    if !placeholder_members.is_empty() && (!safes.is_empty() || !zroles.is_empty()) {
        gaps.push(Gap::new(
            GapCode::SafePlaceholderAddress,
            "/members/explicit",
            format!(
                "{} member(s) have no Ethereum address as id ({}…): placeholders stand in",
                placeholder_members.len(),
                placeholder_members.iter().take(3).copied().collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    if !zroles.is_empty() {
        gaps.push(Gap::new(
            GapCode::SafePlaceholderAddress,
            "/treasury/currency",
            format!(
                "the {currency} token ({dec} decimals assumed), the Roles modifier{} and chain {CHAIN_ID} are placeholders",
                if treasury_safe.placeholder { ", the treasury Safe" } else { "" }
            ),
        ));
    }
    for s in safes.iter().filter(|s| s.address.placeholder) {
        gaps.push(Gap::new(
            GapCode::SafePlaceholderAddress,
            &s.serves[0],
            format!("the Safe of {} of `{}` has no address in the design", s.threshold, s.role),
        ));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Exported { files, gaps })
}

/// The Safe that holds the treasury: the one that signs the lowest tier, else the first.
fn treasury_safe(gco: &Gco, safes: &[SafePlan]) -> Option<Addr> {
    let t = gco.treasury.as_ref()?;
    let mut tiers: Vec<_> = t.tiers.iter().enumerate().collect();
    tiers.sort_by(|a, b| a.1.min.total_cmp(&b.1.min));
    for (i, tier) in tiers {
        let dt = gco.decision_types.iter().position(|d| d.id == tier.decision_type);
        let pointers =
            [Some(format!("/treasury/tiers/{i}/signers")), dt.map(|k| format!("/decision_types/{k}/signers"))];
        for p in pointers.into_iter().flatten() {
            if let Some(s) = safes.iter().find(|s| s.serves.contains(&p)) {
                return Some(s.address.clone());
            }
        }
    }
    safes.first().map(|s| s.address.clone())
}

/// A gap for every domain present that neither a Safe nor Aragon has a place for.
pub(crate) fn domain_gaps(gco: &Gco, code: GapCode, gaps: &mut Vec<Gap>) {
    let present = [
        ("/escalation", "the escalation ladder", gco.escalation.is_some()),
        ("/incentives", "the incentive mechanisms", gco.incentives.is_some()),
        ("/delegation", "delegation", gco.delegation.is_some()),
        ("/constitution", "the constitution", gco.constitution.is_some()),
        ("/composition", "the composition", gco.composition.is_some()),
        ("/mesh", "the mesh", gco.mesh.is_some()),
        ("/voting_weight", "the voting weight's source", gco.voting_weight.is_some()),
    ];
    for (pointer, what, there) in present {
        if there {
            gaps.push(Gap::new(code, pointer, format!("{what} is not written")));
        }
    }
}

fn json_file(path: &str, v: &Value) -> ExportFile {
    let mut text = serde_json::to_string_pretty(&cogov_model::sort_keys(v.clone())).unwrap_or_default();
    text.push('\n');
    ExportFile { path: path.to_owned(), bytes: text.into_bytes() }
}

/// The ERC-20 `transfer` selector the spend roles are scoped to.
const TRANSFER: &str = "transfer(address,uint256)";

/// The condition on `transfer(to, amount)`: any recipient, the amount within every allowance.
fn condition(z: &ZodiacRole) -> Option<Value> {
    let within = |k: &String| json!({ "paramType": 1, "operator": 28, "compValue": hex0x(&key_bytes(k)) });
    let amount = match z.allowances.as_slice() {
        [] => return None,
        [one] => within(one),
        many => json!({ "paramType": 0, "operator": 1, "children": many.iter().map(within).collect::<Vec<_>>() }),
    };
    Some(json!({ "paramType": 5, "operator": 5, "children": [ { "paramType": 1, "operator": 0 }, amount ] }))
}

/// The condition tree flattened breadth-first, as `scopeFunction` takes it: (parent, type, op, value).
fn flatten(cond: &Value) -> Vec<(u8, u8, u8, Vec<u8>)> {
    let mut out = Vec::new();
    let mut queue = std::collections::VecDeque::from([(0u8, cond)]);
    while let Some((parent, c)) = queue.pop_front() {
        let index = out.len() as u8;
        let comp = c["compValue"].as_str().map(decode_hex).unwrap_or_default();
        out.push((parent, c["paramType"].as_u64().unwrap_or(0) as u8, c["operator"].as_u64().unwrap_or(0) as u8, comp));
        if let Some(children) = c["children"].as_array() {
            for ch in children {
                queue.push_back((index, ch));
            }
        }
    }
    out
}

fn decode_hex(h: &str) -> Vec<u8> {
    let h = h.trim_start_matches("0x");
    (0..h.len() / 2).filter_map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).ok()).collect()
}

/// roles.json: the Zodiac Roles configuration in the SDK's own shapes (`Role`, `Target`,
/// `Condition`, `Allowance`), big numbers as decimal strings.
fn roles_json(
    zroles: &[ZodiacRole],
    allowances: &[&Allowance],
    roles_mod: &Addr,
    avatar: &Addr,
    token: &Addr,
) -> Value {
    let roles: Vec<Value> = zroles
        .iter()
        .map(|z| {
            let mut f =
                json!({ "selector": hex0x(&abi::selector(TRANSFER)), "executionOptions": 0, "wildcarded": true });
            if let Some(c) = condition(z) {
                f["wildcarded"] = json!(false);
                f["condition"] = c;
            }
            json!({
                "key": hex0x(&key_bytes(&z.key_name)),
                "keyName": z.key_name,
                "designRole": z.role,
                "category": z.category,
                "members": z.members.iter().map(Addr::text).collect::<Vec<_>>(),
                "targets": [ { "address": token.text(), "clearance": 2, "executionOptions": 0, "functions": [f] } ],
                "annotations": [],
                "lastUpdate": 0,
            })
        })
        .collect();
    let allowances: Vec<Value> = allowances
        .iter()
        .map(|a| {
            json!({
                "key": hex0x(&key_bytes(&a.key_name)),
                "keyName": a.key_name,
                "source": a.pointer,
                "balance": a.amount.to_string(),
                "maxRefill": a.amount.to_string(),
                "refill": a.amount.to_string(),
                "period": a.period.to_string(),
                "timestamp": "0",
            })
        })
        .collect();
    json!({
        "chainId": CHAIN_ID,
        "rolesModifier": roles_mod.text(),
        "avatar": avatar.text(),
        "roles": roles,
        "allowances": allowances,
    })
}

/// The components of Zodiac's `ConditionFlat` struct, as the Transaction Builder lists them.
const CONDITION_FLAT: [(&str, &str, &str); 4] = [
    ("parent", "uint8", "uint8"),
    ("paramType", "uint8", "enum ParameterType"),
    ("operator", "uint8", "enum Operator"),
    ("compValue", "bytes", "bytes"),
];

/// A value as the Transaction Builder shows it inside an array or struct: numbers and booleans
/// bare, bytes and addresses as quoted hex.
fn nested_text(t: &Token) -> String {
    match t {
        Token::Uint(n) => n.to_string(),
        Token::Bool(b) => b.to_string(),
        Token::Address(a) => format!("\"{}\"", checksum_address(a)),
        Token::FixedBytes(b) | Token::Bytes(b) => format!("\"{}\"", hex0x(b)),
        Token::String(s) => Value::String(s.clone()).to_string(),
        Token::Array(items) | Token::Tuple(items) => {
            format!("[{}]", items.iter().map(nested_text).collect::<Vec<_>>().join(","))
        }
    }
}

/// A value as the Transaction Builder's input field holds it: scalars as plain text, arrays
/// and structs as JSON.
fn input_text(t: &Token) -> String {
    match t {
        Token::Uint(n) => n.to_string(),
        Token::Bool(b) => b.to_string(),
        Token::Address(a) => checksum_address(a),
        Token::FixedBytes(b) | Token::Bytes(b) => hex0x(b),
        Token::String(s) => s.clone(),
        Token::Array(_) | Token::Tuple(_) => nested_text(t),
    }
}

/// One Transaction Builder call to `to`: the method `name` with its arguments, each stated once
/// as (name, ABI type, Solidity internal type, value). The signature, the calldata, the ABI
/// inputs and the input values all derive from that one list.
fn tx(to: &Addr, name: &str, args: Vec<(&str, &str, &str, Token)>) -> Value {
    let abi_type = |t: &str| if t == "tuple[]" { "(uint8,uint8,uint8,bytes)[]".to_owned() } else { t.to_owned() };
    let signature = format!("{name}({})", args.iter().map(|a| abi_type(a.1)).collect::<Vec<_>>().join(","));
    let mut values = serde_json::Map::new();
    let mut inputs = Vec::new();
    for (n, t, it, token) in &args {
        values.insert((*n).to_owned(), Value::String(input_text(token)));
        inputs.push(if *t == "tuple[]" {
            let components: Vec<Value> = CONDITION_FLAT
                .iter()
                .map(|(cn, ct, cit)| json!({ "name": cn, "type": ct, "internalType": cit }))
                .collect();
            json!({ "name": n, "type": t, "internalType": it, "components": components })
        } else {
            json!({ "name": n, "type": t, "internalType": it })
        });
    }
    let tokens: Vec<Token> = args.into_iter().map(|a| a.3).collect();
    json!({
        "to": to.text(),
        "value": "0",
        "data": hex0x(&abi::call(&signature, &tokens)),
        "contractMethod": { "name": name, "payable": false, "inputs": inputs },
        "contractInputsValues": values,
    })
}

/// roles-batch.json: the Transaction Builder batch that applies roles.json to the modifier.
fn batch_json(
    gco: &Gco,
    zroles: &[ZodiacRole],
    allowances: &[&Allowance],
    roles_mod: &Addr,
    avatar: &Addr,
    token: &Addr,
) -> Value {
    let mut txs = Vec::new();
    for a in allowances {
        let key = key_bytes(&a.key_name);
        txs.push(tx(
            roles_mod,
            "setAllowance",
            vec![
                ("key", "bytes32", "bytes32", Token::FixedBytes(key)),
                ("balance", "uint128", "uint128", Token::Uint(a.amount)),
                ("maxRefill", "uint128", "uint128", Token::Uint(a.amount)),
                ("refill", "uint128", "uint128", Token::Uint(a.amount)),
                ("period", "uint64", "uint64", Token::Uint(u128::from(a.period))),
                ("timestamp", "uint64", "uint64", Token::Uint(0)),
            ],
        ));
    }
    let sel = abi::selector(TRANSFER);
    for z in zroles {
        let key = key_bytes(&z.key_name);
        let role_key = || ("roleKey", "bytes32", "bytes32", Token::FixedBytes(key.clone()));
        let target = || ("targetAddress", "address", "address", Token::Address(token.bytes));
        let selector = || ("selector", "bytes4", "bytes4", Token::FixedBytes(sel.to_vec()));
        let options = || ("options", "uint8", "enum ExecutionOptions", Token::Uint(0));
        txs.push(tx(roles_mod, "scopeTarget", vec![role_key(), target()]));
        match condition(z) {
            Some(c) => {
                let conditions = flatten(&c)
                    .into_iter()
                    .map(|(p, t, o, v)| {
                        Token::Tuple(vec![
                            Token::Uint(u128::from(p)),
                            Token::Uint(u128::from(t)),
                            Token::Uint(u128::from(o)),
                            Token::Bytes(v),
                        ])
                    })
                    .collect();
                txs.push(tx(
                    roles_mod,
                    "scopeFunction",
                    vec![
                        role_key(),
                        target(),
                        selector(),
                        ("conditions", "tuple[]", "struct ConditionFlat[]", Token::Array(conditions)),
                        options(),
                    ],
                ));
            }
            None => txs.push(tx(roles_mod, "allowFunction", vec![role_key(), target(), selector(), options()])),
        }
        for m in &z.members {
            txs.push(tx(
                roles_mod,
                "assignRoles",
                vec![
                    ("module", "address", "address", Token::Address(m.bytes)),
                    ("roleKeys", "bytes32[]", "bytes32[]", Token::Array(vec![Token::FixedBytes(key.clone())])),
                    ("memberOf", "bool[]", "bool[]", Token::Array(vec![Token::Bool(true)])),
                ],
            ));
        }
    }
    let mut batch = json!({
        "version": "1.0",
        "chainId": CHAIN_ID.to_string(),
        // The design carries no date; a fixed one keeps the same design giving the same bytes.
        "createdAt": 0,
        "meta": {
            "name": format!("{} Zodiac Roles", gco.identity.name),
            "description": format!(
                "Applies the Zodiac Roles of {}@{} (fingerprint {})",
                gco.identity.name,
                gco.identity.version,
                gco.fingerprint()
            ),
            "txBuilderVersion": TX_BUILDER_VERSION,
            "createdFromSafeAddress": avatar.text(),
            "createdFromOwnerAddress": "",
        },
        "transactions": txs,
    });
    let checksum = hex0x(&abi::keccak256(tx_builder_serialize(&batch).as_bytes()));
    batch["meta"]["checksum"] = Value::String(checksum);
    batch
}

/// The Transaction Builder's checksum input: objects as their sorted key list followed by each
/// value and a comma, arrays and scalars as JSON (so the app accepts the file unmodified).
pub fn tx_builder_serialize(v: &Value) -> String {
    match v {
        Value::Array(items) => format!("[{}]", items.iter().map(tx_builder_serialize).collect::<Vec<_>>().join(",")),
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let mut acc = format!("{{{}", serde_json::to_string(&keys).unwrap_or_default());
            for k in keys {
                acc.push_str(&tx_builder_serialize(&map[k]));
                acc.push(',');
            }
            acc.push('}');
            acc
        }
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

// ---------------------------------------------------------------------------------------------
// Import

fn invalid(pointer: &str, msg: impl Into<String>) -> IntakeError {
    IntakeError::at_pointer(ErrorCode::SafeSourceInvalid, pointer, msg)
}

/// Reads the Safe Transaction Service's description of a Safe (address, threshold, owners,
/// modules, guard…) into a design: the owners hold one role and sign one decision type m of n.
pub fn import(bytes: &[u8], answers: &Answers) -> Result<Imported, IntakeError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| IntakeError::whole(ErrorCode::InteropSourceInvalid, format!("not UTF-8: {e}")))?;
    crate::limits::check_json_depth(text)?;
    let v: Value = serde_json::from_str(text)
        .map_err(|e| IntakeError::at(ErrorCode::InteropSourceInvalid, e.line(), e.column(), e.to_string()))?;
    if !v.is_object() {
        return Err(invalid("", "a Safe is a JSON object with address, threshold and owners"));
    }
    let address = v["address"]
        .as_str()
        .and_then(parse_address)
        .ok_or_else(|| invalid("/address", "`address` must be a 0x-prefixed address of 40 hex digits"))?;
    let owners_v = v["owners"].as_array().ok_or_else(|| invalid("/owners", "`owners` must be a list of addresses"))?;
    if owners_v.is_empty() || owners_v.len() > MAX_OWNERS {
        return Err(invalid("/owners", format!("a Safe has 1 to {MAX_OWNERS} owners; this has {}", owners_v.len())));
    }
    let mut owners = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, o) in owners_v.iter().enumerate() {
        let a = o.as_str().and_then(parse_address).ok_or_else(|| invalid(&format!("/owners/{i}"), "not an address"))?;
        if !seen.insert(a) {
            return Err(invalid(&format!("/owners/{i}"), "this owner is listed twice"));
        }
        owners.push(a);
    }
    let threshold = v["threshold"].as_u64().filter(|&t| t >= 1 && t as usize <= owners.len()).ok_or_else(|| {
        invalid("/threshold", format!("`threshold` must be a whole number from 1 to {}", owners.len()))
    })?;

    let short = &hex0x(&address)[2..10];
    let questions = vec![
        Question {
            key: "name".into(),
            prompt: "The design's name (a slug)".into(),
            default: Some(json!(format!("safe-{short}"))),
        },
        Question {
            key: "signing_period".into(),
            prompt: "How long owners have to sign a transaction, in seconds (a Safe sets no deadline)".into(),
            default: Some(json!(604_800)),
        },
        Question {
            key: "propensity".into(),
            prompt: "The chance an owner signs a given transaction, in [0, 1] (for simulation)".into(),
            default: Some(json!(1.0)),
        },
    ];
    let mut gaps = Vec::new();
    let mut answer = |key: &str, pointer: &str| -> Value {
        let q = questions.iter().find(|q| q.key == key).and_then(|q| q.default.clone()).unwrap_or(Value::Null);
        match answers.get(key) {
            Some(a) => a.clone(),
            None => {
                gaps.push(Gap::new(GapCode::SourceSilent, pointer, format!("`{key}` assumed {q}")));
                q
            }
        }
    };
    let name = answer("name", "/identity/name");
    let period = answer("signing_period", "/decision_types/0/voting_period");
    let propensity = answer("propensity", "/members/explicit");
    let bad = |key: &str, what: &str| IntakeError::whole(ErrorCode::InteropAnswer, format!("`{key}` must be {what}"));
    let name = name
        .as_str()
        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
        .ok_or_else(|| bad("name", "a slug of lower-case letters, digits and hyphens"))?
        .to_owned();
    let period =
        period.as_u64().filter(|&p| p > 0).ok_or_else(|| bad("signing_period", "a whole number of seconds above 0"))?;
    let propensity = propensity
        .as_f64()
        .filter(|p| (0.0..=1.0).contains(p))
        .ok_or_else(|| bad("propensity", "a number in [0, 1]"))?;

    for (key, what) in [("modules", "module"), ("guard", "guard")] {
        let listed: Vec<String> = match &v[key] {
            Value::Array(items) => items.iter().filter_map(|m| m.as_str().map(str::to_owned)).collect(),
            Value::String(s) if s != ZERO_ADDRESS && !s.is_empty() => vec![s.clone()],
            _ => vec![],
        };
        if !listed.is_empty() {
            gaps.push(Gap::new(
                GapCode::SafeModuleNotHeld,
                format!("/{key}"),
                format!("{what}(s) {} can act for the Safe; the design does not hold them", listed.join(", ")),
            ));
        }
    }

    let n = owners.len() as u32;
    let resource = format!("safe-{}", hex0x(&address));
    let members = owners
        .iter()
        .map(|o| Member { id: hex0x(o), name: None, weight: 1.0, propensity, roles: vec![OWNER_ROLE.to_owned()] })
        .collect();
    let role = Role {
        id: OWNER_ROLE.into(),
        name: Some("Safe owners".into()),
        description: None,
        seats: Some(n),
        term: None,
        eligibility: Default::default(),
        permissions: vec![
            Permission { action: Action::Sign, resource: format!("resource/{resource}") },
            Permission { action: Action::Execute, resource: format!("resource/{resource}") },
        ],
        election_method: None,
        affiliation: BTreeMap::new(),
    };
    let decision = DecisionType {
        id: SAFE_DECISION.into(),
        name: Some("Safe transaction".into()),
        description: None,
        proposal_threshold: cogov_model::ProposalThreshold { min_weight: 0.0, roles: vec![OWNER_ROLE.into()] },
        // Each owner weighs 1: m signatures are m/n of the weight, and every signature is a yes.
        quorum: f64::from(threshold as u32) / f64::from(n),
        approval: 1.0,
        clock: Clock::Time,
        voting_delay: 0,
        voting_period: period,
        timelock: 0,
        signers: Some(Signers { role: OWNER_ROLE.into(), required: threshold as u32, of: Some(n) }),
        expected_rate: None,
        spend: None,
        powers: vec![],
        quorum_counting: None,
        absolute_threshold: None,
        vote_change_allowed: None,
        late_quorum_extension: None,
        super_quorum: None,
        veto: vec![],
        exit_window: None,
    };
    let mut gco =
        Gco::new(Identity::dao(name), Members { explicit: members, population: None }, vec![role], vec![decision]);
    gco.resources =
        vec![Resource { id: resource, description: Some(format!("The Safe at {}", checksum_address(&address))) }];
    Ok(Imported { gco, gaps, questions })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_fit_bytes32() {
        assert_eq!(key_name("spend:board:equipment"), "spend:board:equipment");
        let long = key_name("spend:integrator-representative:service-operations");
        assert!(long.len() <= 31, "{long}");
        assert_ne!(long, key_name("spend:integrator-representative:service-operationz"));
    }

    #[test]
    fn base_units_are_exact_for_whole_amounts() {
        assert_eq!(base_units(80_000.0, 6), (80_000_000_000, true));
        assert_eq!(base_units(0.5, 18), (500_000_000_000_000_000, true));
    }
}
