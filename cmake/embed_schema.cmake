# Writes OUT, a C++ source defining luckyhub::embedded_schema_files(): the
# name and text of every schema/*.sql file, sorted by name.
file(GLOB files ${SCHEMA_DIR}/*.sql)
list(SORT files)
set(body "#include \"warehouse/schema_files.h\"\n\nnamespace luckyhub {\n\nconst std::vector<SchemaFile>& embedded_schema_files() {\n  static const std::vector<SchemaFile> files = {\n")
foreach(f ${files})
  get_filename_component(name ${f} NAME_WE)
  file(READ ${f} text)
  string(APPEND body "    {\"${name}\", R\"lhsql(${text})lhsql\"},\n")
endforeach()
string(APPEND body "  };\n  return files;\n}\n\n}  // namespace luckyhub\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
