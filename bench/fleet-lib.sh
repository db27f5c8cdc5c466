# Shared by bench/sync.sh and bench/derived-ab.sh (sourced, not run).

# touch_rows FLEET_DIR WHERE: stamps rows of every source table of the fleet
# in FLEET_DIR (scripts/fleet-up's) as updated; WHERE is the UPDATE's
# condition, with TABLE for the table's name. The stamp is the server's
# clock minus 10 s, later than any watermark of an earlier run on a reused
# fleet; the sync starts 6 s later, so every stamped row is settled
# (docs/sync.md).
touch_rows() {
  local fleet_dir=$1 where=$2 s
  for s in "$fleet_dir"/s*/; do
    s="${s%/}"
    mariadb --no-defaults --socket="$s/mysqld.sock" -uroot -N -e \
      "SELECT CONCAT('UPDATE ', table_schema, '.', table_name, ' SET update_time = NOW() - INTERVAL 10 SECOND WHERE ',
                     REPLACE('$where', 'TABLE', CONCAT(table_schema, '.', table_name)), ';')
       FROM information_schema.tables WHERE table_schema LIKE 'luckyus\\_%' AND table_name NOT LIKE '\\_%'" |
      mariadb --no-defaults --socket="$s/mysqld.sock" -uroot
  done
  sleep 6
}
