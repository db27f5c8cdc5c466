// redis-console's topology (collect/redis_topology.h, health__redis_topology):
// each instance's role, master, replicas, cluster slots and, for a Sentinel,
// the masters it watches, as the collector last read them. The fleet view has
// one row per instance; an instance's page lists every node it reported.
#include <map>

#include "tools/redis_console/redis_console.h"

namespace luckyhub::redis_console {
namespace {

struct TopologyRow {
  std::string instance, relation, address, role, name, master, link, slots, problems;
  int64_t offset = -1, lag_s = -1;
};

std::vector<TopologyRow> read_topology(Warehouse& wh, const std::string& instance) {
  std::vector<TopologyRow> out;
  if (!wh.has_table("health__redis_topology")) return out;
  std::string sql = R"(
      SELECT instance, relation, address, role, name, master, link, repl_offset, lag_s, slots, problems
      FROM health__redis_topology)";
  std::vector<SqlValue> params;
  if (!instance.empty()) {
    sql += " WHERE instance = ?";
    params.push_back(instance);
  }
  for (const Row row : wh.query(sql + " ORDER BY instance, position", params)) {
    out.push_back({.instance = row.text("instance"),
                   .relation = row.text("relation"),
                   .address = row.text("address"),
                   .role = row.text("role"),
                   .name = row.text("name"),
                   .master = row.text("master"),
                   .link = row.text("link"),
                   .slots = row.text("slots"),
                   .problems = row.text("problems"),
                   .offset = row.integer("repl_offset"),
                   .lag_s = row.integer("lag_s")});
  }
  return out;
}

Cell known(int64_t v) { return v >= 0 ? Cell{v} : Cell{}; }

// "127.0.0.1:6380 (online, lag 0 s)"
std::string replica_text(const TopologyRow& r) {
  std::string out = r.address;
  std::string detail = r.link;
  if (r.lag_s >= 0)
    detail += std::string(detail.empty() ? "" : ", ") + "lag " + std::to_string(r.lag_s) + " s";
  if (!detail.empty()) out += " (" + detail + ")";
  return out;
}

void append(std::string& list, const std::string& item) {
  list += (list.empty() ? "" : "; ") + item;
}

}  // namespace

Panel topology_panel(Warehouse& wh, const std::string& instance) {
  Panel p{.id = "topology", .title = "Replication and cluster topology", .kind = PanelKind::kTable};
  const std::vector<TopologyRow> rows = read_topology(wh, instance);
  if (!instance.empty()) {
    p.description =
        "What the instance reported on the last collect (ROLE, INFO replication, CLUSTER NODES, "
        "SENTINEL MASTERS and "
        "REPLICAS): itself first, then the nodes it knows.";
    p.table.columns = {{"relation", "Relation", ValueType::kText},
                       {"address", "Address", ValueType::kText},
                       {"role", "Role", ValueType::kText},
                       {"name", "Name or node id", ValueType::kText},
                       {"master", "Master", ValueType::kText},
                       {"link", "Link or state", ValueType::kText},
                       {"offset", "Replication offset", ValueType::kInt},
                       {"lag", "Lag", ValueType::kInt, "", "s"},
                       {"slots", "Cluster slots", ValueType::kText},
                       {"problems", "Could not read", ValueType::kText}};
    for (const TopologyRow& r : rows) {
      p.table.rows.push_back({r.relation, r.address, r.role, r.name, r.master, r.link,
                              known(r.offset), known(r.lag_s), r.slots, r.problems});
    }
    return p;
  }
  p.description =
      "Each instance's role as it reported it on the last collect: a replica's master, a master's "
      "replicas with "
      "their state and lag, a cluster node's slots and the cluster's size, the masters a Sentinel "
      "watches.";
  p.table.columns = {{"instance", "Instance", ValueType::kText, "", "", kInstanceLink},
                     {"role", "Role", ValueType::kText},
                     {"master", "Master", ValueType::kText},
                     {"replicas", "Replicas", ValueType::kText},
                     {"slots", "Cluster slots", ValueType::kText},
                     {"cluster_nodes", "Cluster nodes", ValueType::kInt},
                     {"watches", "Sentinel watches", ValueType::kText},
                     {"problems", "Could not read", ValueType::kText}};
  std::map<std::string, std::vector<const TopologyRow*>> by_instance;
  for (const TopologyRow& r : rows) by_instance[r.instance].push_back(&r);
  for (const auto& [name, list] : by_instance) {
    const TopologyRow* self = list.front()->relation == "self" ? list.front() : nullptr;
    std::string replicas, watches;
    int64_t nodes = 0;
    for (const TopologyRow* r : list) {
      if (r->relation == "replica") append(replicas, replica_text(*r));
      if (r->relation == "cluster_node") ++nodes;
      if (r->relation == "monitored_master") append(watches, r->name + " at " + r->address);
    }
    p.table.rows.push_back(
        {name, self ? self->role : std::string(), self ? self->master : std::string(), replicas,
         self ? self->slots : std::string(), nodes > 0 ? Cell{nodes + 1} : Cell{}, watches,
         self ? self->problems : std::string()});
  }
  return p;
}

}  // namespace luckyhub::redis_console
