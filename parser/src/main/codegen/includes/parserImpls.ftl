<#-- SQLFlow's productions, added to Calcite's grammar. -->
SqlNode SqlflowStmtEof() :
{
    final SqlNode stmt;
}
{
    stmt = SqlStmt() <EOF>
    { return stmt; }
}
