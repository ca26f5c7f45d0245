//! Members and roles.

use super::Ctx;
use crate::population::check_distribution;
use cogov_model::{Action, Code};

/// Weight, propensities and the population generator.
pub(super) fn members(cx: &mut Ctx) {
    let g = cx.gco;
    if let Some(p) = &g.members.population {
        for (field, d) in [("weight", &p.weight), ("propensity", &p.propensity)] {
            if let Err(e) = check_distribution(d) {
                cx.push(Code::InvalidDistribution, format!("/members/population/{field}"), e.to_string());
            }
        }
    }
    if cx.members.is_empty() {
        return;
    }
    if cx.total_weight <= 0.0 {
        cx.push(Code::ZeroTotalWeight, "/members", "the members' total voting weight is 0");
        return;
    }
    for (i, m) in g.members.explicit.iter().enumerate() {
        if m.weight == 0.0 && m.roles.is_empty() {
            let msg = format!("member `{}` has no weight and no role", m.id);
            cx.push(Code::InertMember, format!("/members/explicit/{i}"), msg);
        }
    }
    if let Some((i, top)) = cx
        .members
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.weight.total_cmp(&b.1.weight))
        .filter(|(_, m)| m.weight > cx.total_weight / 2.0)
    {
        let share = top.weight / cx.total_weight;
        let msg = format!("member `{}` holds {:.1}% of the voting weight", top.id, share * 100.0);
        let path = member_path(cx, i);
        cx.push(Code::MajorityHolder, path, msg);
    }
    let silent = cx.members.iter().filter(|m| m.propensity == 0.0).count();
    if silent > 0 {
        cx.push(Code::NeverVotes, "/members", format!("{silent} member(s) have propensity 0 and never vote"));
    }
}

/// The JSON pointer of the i-th member of the expanded list.
fn member_path(cx: &Ctx, i: usize) -> String {
    if i < cx.gco.members.explicit.len() { format!("/members/explicit/{i}") } else { "/members/population".to_owned() }
}

/// Seats, holders, eligibility, permissions and tenure.
pub(super) fn roles(cx: &mut Ctx) {
    let g = cx.gco;
    for (i, role) in g.roles.iter().enumerate() {
        let holders: Vec<usize> = cx.holders.get(role.id.as_str()).cloned().unwrap_or_default();
        match role.seats {
            Some(0) => cx.push(Code::ZeroSeats, format!("/roles/{i}/seats"), format!("role `{}` has 0 seats", role.id)),
            Some(n) if holders.len() > n as usize => {
                let msg = format!("role `{}` has {n} seat(s) but {} member(s) hold it", role.id, holders.len());
                cx.push(Code::SeatsExceeded, format!("/roles/{i}/seats"), msg);
            }
            Some(n) if holders.is_empty() => {
                let msg = format!("role `{}` has {n} seat(s) and no holder", role.id);
                cx.push(Code::VacantRole, format!("/roles/{i}"), msg);
            }
            _ => {}
        }
        if role.permissions.is_empty() {
            cx.push(
                Code::RoleWithoutPermissions,
                format!("/roles/{i}/permissions"),
                format!("role `{}` may do nothing", role.id),
            );
        }
        for (j, p) in role.permissions.iter().enumerate() {
            if role.permissions[..j].contains(p) {
                let msg = format!("role `{}` lists `{} {}` twice", role.id, p.action.as_str(), p.resource);
                cx.push(Code::DuplicatePermission, format!("/roles/{i}/permissions/{j}"), msg);
            }
        }
        let e = &role.eligibility;
        let contradictory = e.requires_roles.iter().find(|r| e.incompatible_roles.contains(r) || **r == role.id);
        if let Some(r) = contradictory {
            let msg = format!("role `{}` both requires and excludes (or requires itself): `{r}`", role.id);
            cx.push(Code::ContradictoryEligibility, format!("/roles/{i}/eligibility"), msg);
        }
        if let Some(min) = e.min_weight {
            if let Some(&h) = holders.iter().find(|&&h| cx.members[h].weight < min) {
                let m = &cx.members[h];
                let msg = format!("`{}` holds `{}` with weight {} below the minimum {min}", m.id, role.id, m.weight);
                let path = member_path(cx, h);
                cx.push(Code::BelowMinWeight, path, msg);
            }
        }
        let powerful =
            role.permissions.iter().any(|p| matches!(p.action, Action::Spend | Action::Veto | Action::Administer));
        if role.seats.is_some() && role.term.is_none() && powerful {
            let msg = format!("role `{}` holds spending, veto or admin powers with no term of office", role.id);
            cx.push(Code::UnlimitedTenure, format!("/roles/{i}"), msg);
        }
    }
    // Separation of powers: no member holds two roles declared incompatible.
    for (h, m) in cx.members.iter().enumerate().take(g.members.explicit.len()) {
        for r in &m.roles {
            let Some(role) = g.role(r) else { continue };
            if let Some(bad) = m.roles.iter().find(|o| role.eligibility.incompatible_roles.contains(o)) {
                let msg = format!("member `{}` holds `{r}` and `{bad}`, which are incompatible", m.id);
                cx.out.push(cogov_model::Finding::new(
                    Code::IncompatibleRolesHeld,
                    format!("/members/explicit/{h}/roles"),
                    msg,
                ));
            }
        }
    }
}
