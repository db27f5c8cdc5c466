// What the simulator plants for the recommendations tool's new-store menu by
// neighbourhood demographics (Tool 11): a second store signed but not yet
// open — a kiosk at Battery Park (postal code 10004, which no other store and
// no customer's profile has) — and its neighbourhood: a share of the US
// customers aged 18-24 give 10004 as their postal code in t_user_profile.
// demographic_taste.h draws age against the iced taste (rho -0.8), so the
// young lean to iced drinks: a menu built for customers like them must too.
//
// Nothing another tool reads moves. The store is a row of t_shop_info only
// (no customer calls it home; no order, schedule, machine or forecast names
// it). The residents keep every draw of the profile writer: their postal
// code, city and state are replaced after the draws, from a stream of their
// own; no tool but recommendations reads a profile's postal code. Recorded
// in the manifest as `store_neighbourhood`: items {shop_id, shop_no, opens,
// shop_type, zip_code, age_range}, ids the residents' user_nos.
#pragma once

#include <string>

#include "simulate/context.h"

namespace luckyhub::sim {

inline constexpr int kNeighbourhoodOpensInDays = 35;
inline constexpr int kNeighbourhoodAgeRange = 2;  // 18-24
inline constexpr double kNeighbourhoodResidentShare =
    0.2;  // of the US customers of that age with a profile
inline constexpr const char* kNeighbourhoodZip = "10004";

// Describes `store_neighbourhood` in the manifest (once; the profile writer
// may record residents before or without the store).
void describe_neighbourhood(Truth& truth);

// Adds the kiosk to world.sales.preparing (after the preparing stores) and
// records it. REQUIRES: build_stores and plan_preparing_store have run.
void plan_neighbourhood_store(SimContext& ctx);

// Whether the profile of `user_no` (tenant LKUS, of `age_range`) is one of the
// planted residents: drawn from the stream "marketing/neighbourhood/<user_no>".
bool neighbourhood_resident(uint64_t seed, const std::string& user_no, int age_range);

}  // namespace luckyhub::sim
