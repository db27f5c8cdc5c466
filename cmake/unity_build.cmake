# Sources kept out of a unity build's batches (CMAKE_UNITY_BUILD=ON: the
# sanitizer builds of scripts/sanitize.sh, and CI's release build through
# scripts/setup.sh's LUCKYHUB_UNITY_BUILD): each compiles alone because, concatenated with its
# neighbours in one namespace, one of its file-local names would collide
# (kDay, kGiB, level, Row). They include only light headers, so compiling them
# alone costs seconds; a file with heavy headers is worth a rename instead.
# A developer's build is not unity: this list changes nothing there.
set(UNITY_BUILD_EXCLUDED
  simulate/health/rds_host.cc simulate/marketing/coupon_issue.cc
  simulate/marketing/coupon_templates.cc simulate/marketing/experiments.cc
  simulate/sales/master_tables.cc)
list(TRANSFORM UNITY_BUILD_EXCLUDED PREPEND ${CMAKE_SOURCE_DIR}/src/)
# Tests whose helpers share a name with another test file's (SyncRun, sync_into).
list(APPEND UNITY_BUILD_EXCLUDED ${CMAKE_SOURCE_DIR}/tests/integration/warehouse_lock_test.cc)
set_source_files_properties(${UNITY_BUILD_EXCLUDED} PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
