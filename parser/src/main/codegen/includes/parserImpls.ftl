<#--
  SQLFlow's productions, added to Calcite's grammar. Two entry points:
  SqlflowStmtEof parses a whole statement (SHOW TRAIN, or a query with an optional
  extended clause); SqlflowExtendedClauseEof parses an extended clause alone, for
  statements whose SELECT only MySQL understands (the caller blanks the SELECT out so
  that positions stay those of the whole statement).

  Names in the extended clauses may be keywords (iris.train, validation.select,
  CROSS(...), 'sum' written bare), so they are read token by token with
  SqlflowGrammarSupport deciding what counts as a word.
-->

/** SHOW TRAIN, or a query followed by an optional extended clause, then end of input. */
SqlNode SqlflowStmtEof() :
{
    final SqlNode query;
    SqlNode stmt;
}
{
    (
        stmt = SqlflowShowTrain()
    |
        query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) { stmt = query; }
        [ stmt = SqlflowExtendedClause() ]
    )
    <EOF>
    { return stmt; }
}

/** An extended clause from its TO to the end of input. */
SqlNode SqlflowExtendedClauseEof() :
{
    final SqlNode clause;
}
{
    clause = SqlflowExtendedClause() <EOF>
    { return clause; }
}

/** SHOW TRAIN model. */
SqlShowTrain SqlflowShowTrain() :
{
    final SqlParserPos pos;
    final SqlIdentifier model;
}
{
    <SHOW> { pos = getPos(); } <TRAIN> model = SqlflowName()
    { return new SqlShowTrain(pos, model); }
}

/** TO TRAIN|PREDICT|EVALUATE|EXPLAIN|RUN|MAXIMIZE|MINIMIZE ...; the node's position is that of TO. */
SqlExtendedQuery SqlflowExtendedClause() :
{
    final SqlParserPos toPos;
    final SqlExtendedQuery clause;
}
{
    <TO> { toPos = getPos(); }
    (
        clause = SqlflowTrain(toPos)
    |   clause = SqlflowPredict(toPos)
    |   clause = SqlflowEvaluate(toPos)
    |   clause = SqlflowExplain(toPos)
    |   clause = SqlflowRun(toPos)
    |   clause = SqlflowOptimize(toPos)
    )
    { return clause; }
}

SqlTrain SqlflowTrain(SqlParserPos toPos) :
{
    final SqlIdentifier modelClass;
    SqlNodeList attributes = SqlNodeList.EMPTY;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    SqlColumnClause column;
    SqlIdentifier label = null;
    SqlIdentifier using = null;
    final SqlIdentifier into;
}
{
    <TRAIN> modelClass = SqlflowName()
    [ attributes = SqlflowWith() ]
    ( column = SqlflowColumnClause() { columns.add(column); } )*
    [ <LABEL> label = SqlflowLabel() ]
    [ <USING> using = SqlflowName() ]
    <INTO> into = SqlflowName()
    {
        return new SqlTrain(toPos, "", modelClass, attributes,
            new SqlNodeList(columns, toPos), label, using, into);
    }
}

SqlPredict SqlflowPredict(SqlParserPos toPos) :
{
    final SqlIdentifier result;
    SqlNodeList attributes = SqlNodeList.EMPTY;
    final SqlIdentifier model;
}
{
    <PREDICT> result = SqlflowName()
    [ attributes = SqlflowWith() ]
    <USING> model = SqlflowName()
    { return new SqlPredict(toPos, "", result, attributes, model); }
}

SqlEvaluate SqlflowEvaluate(SqlParserPos toPos) :
{
    final SqlIdentifier model;
    SqlNodeList attributes = SqlNodeList.EMPTY;
    final SqlIdentifier label;
    final SqlIdentifier into;
}
{
    <EVALUATE> model = SqlflowName()
    [ attributes = SqlflowWith() ]
    <LABEL> label = SqlflowLabel()
    <INTO> into = SqlflowName()
    { return new SqlEvaluate(toPos, "", model, attributes, label, into); }
}

// Qualified: Calcite's own SqlExplain is imported by name in Parser.jj.
org.sqlflow.parser.ast.SqlExplain SqlflowExplain(SqlParserPos toPos) :
{
    final SqlIdentifier model;
    SqlNodeList attributes = SqlNodeList.EMPTY;
    SqlIdentifier explainer = null;
    SqlIdentifier into = null;
}
{
    <EXPLAIN> model = SqlflowName()
    [ attributes = SqlflowWith() ]
    [ <USING> explainer = SqlflowName() ]
    [ <INTO> into = SqlflowName() ]
    { return new org.sqlflow.parser.ast.SqlExplain(toPos, "", model, attributes, explainer, into); }
}

/** RUN program [CMD "arg", ...] [INTO table, ...]; the program is a name such as sqlflow/runnable:v1. */
SqlRun SqlflowRun(SqlParserPos toPos) :
{
    final Token first;
    Token last;
    final List<SqlNode> args = new ArrayList<SqlNode>();
    final List<SqlNode> into = new ArrayList<SqlNode>();
    SqlNode arg;
    SqlIdentifier table;
}
{
    <RUN>
    { first = getToken(1); }
    SqlflowWord() { last = token; }
    (
        LOOKAHEAD({ SqlflowGrammarSupport.continuesProgram(token, getToken(1)) })
        last = SqlflowAnyToken()
    )*
    [
        <CMD>
        arg = SqlflowString() { args.add(arg); }
        ( <COMMA> arg = SqlflowString() { args.add(arg); } )*
        [
            <INTO>
            table = SqlflowName() { into.add(table); }
            ( <COMMA> table = SqlflowName() { into.add(table); } )*
        ]
    ]
    {
        return new SqlRun(toPos, "", SqlflowGrammarSupport.position(first, last),
            SqlflowGrammarSupport.text(first, last), new SqlNodeList(args, toPos),
            new SqlNodeList(into, toPos));
    }
}

/**
 * MAXIMIZE|MINIMIZE objective [CONSTRAINT expr [GROUP BY column], ...] WITH ... [USING solver]
 * INTO table. The expressions are Calcite's; which of them a program may hold is checked after
 * parsing.
 */
SqlOptimize SqlflowOptimize(SqlParserPos toPos) :
{
    final boolean maximize;
    final SqlOptimizeExpression objective;
    final List<SqlNode> constraints = new ArrayList<SqlNode>();
    SqlOptimizeConstraint constraint;
    SqlNodeList attributes = SqlNodeList.EMPTY;
    SqlIdentifier solver = null;
    final SqlIdentifier into;
}
{
    ( <MAXIMIZE> { maximize = true; } | <MINIMIZE> { maximize = false; } )
    objective = SqlflowOptimizeExpression()
    [
        <CONSTRAINT>
        constraint = SqlflowOptimizeConstraint() { constraints.add(constraint); }
        ( <COMMA> constraint = SqlflowOptimizeConstraint() { constraints.add(constraint); } )*
    ]
    [ attributes = SqlflowWith() ]
    [ <USING> solver = SqlflowName() ]
    <INTO> into = SqlflowName()
    {
        return new SqlOptimize(toPos, "", maximize, objective,
            new SqlNodeList(constraints, toPos), attributes, solver, into);
    }
}

SqlOptimizeConstraint SqlflowOptimizeConstraint() :
{
    final SqlOptimizeExpression expression;
    SqlIdentifier groupBy = null;
}
{
    expression = SqlflowOptimizeExpression()
    [ <GROUP> <BY> groupBy = SqlflowName() ]
    { return new SqlOptimizeConstraint(expression, groupBy); }
}

/** An expression with its text as written (tokens and the spaces between them, no comments). */
SqlOptimizeExpression SqlflowOptimizeExpression() :
{
    final Token first;
    final SqlNode expression;
}
{
    { first = getToken(1); }
    expression = Expression(ExprContext.ACCEPT_NON_QUERY)
    {
        return new SqlOptimizeExpression(SqlflowGrammarSupport.position(first, token), expression,
            SqlflowGrammarSupport.text(first, token));
    }
}

/** Whatever token comes next; callers decide with a semantic lookahead whether to take it. */
JAVACODE Token SqlflowAnyToken() {
    return getNextToken();
}

/** WITH key = value, ... */
SqlNodeList SqlflowWith() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlAttribute attribute;
}
{
    <WITH> { s = span(); }
    attribute = SqlflowAttribute() { list.add(attribute); }
    ( <COMMA> attribute = SqlflowAttribute() { list.add(attribute); } )*
    { return new SqlNodeList(list, s.end(this)); }
}

SqlAttribute SqlflowAttribute() :
{
    final SqlIdentifier key;
    final SqlNode value;
}
{
    key = SqlflowName() <EQ> value = SqlflowAttributeValue()
    { return new SqlAttribute(key.getParserPosition(), key, value); }
}

/** A number, string, boolean, name or [list] on the right of key = . */
SqlNode SqlflowAttributeValue() :
{
    final SqlNode value;
}
{
    (
        value = SqlflowNumber()
    |   value = SqlflowString()
    |   <TRUE> { value = SqlLiteral.createBoolean(true, getPos()); }
    |   <FALSE> { value = SqlLiteral.createBoolean(false, getPos()); }
    |   value = SqlflowValueList()
    |   value = SqlflowName()
    )
    { return value; }
}

SqlNodeList SqlflowValueList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlNode value;
}
{
    <LBRACKET> { s = span(); }
    (
        LOOKAHEAD(1) <RBRACKET>
    |
        value = SqlflowAttributeValue() { list.add(value); }
        ( <COMMA> value = SqlflowAttributeValue() { list.add(value); } )*
        <RBRACKET>
    )
    { return new SqlNodeList(list, s.end(this)); }
}

/** COLUMN expr, ... [FOR target] */
SqlColumnClause SqlflowColumnClause() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlNode expr;
    SqlIdentifier target = null;
}
{
    <COLUMN> { s = span(); }
    expr = SqlflowColumnExpr() { list.add(expr); }
    ( <COMMA> expr = SqlflowColumnExpr() { list.add(expr); } )*
    [ <FOR> target = SqlflowName() ]
    {
        final SqlParserPos pos = s.end(this);
        return new SqlColumnClause(pos, new SqlNodeList(list, pos), target);
    }
}

/** A column, *, or a feature-column call. */
SqlNode SqlflowColumnExpr() :
{
    final SqlNode expr;
}
{
    (
        <STAR> { expr = SqlIdentifier.star(getPos()); }
    |
        LOOKAHEAD({ SqlflowGrammarSupport.startsCall(getToken(1), getToken(2)) })
        expr = SqlflowFeatureCall()
    |
        expr = SqlflowName()
    )
    { return expr; }
}

/** NAME(arg, ...); the checker decides later which names and arguments are valid. */
SqlFeatureCall SqlflowFeatureCall() :
{
    final Token name;
    final SqlParserPos pos;
    final List<SqlNode> args = new ArrayList<SqlNode>();
    SqlNode arg;
}
{
    name = SqlflowWord() { pos = SqlflowGrammarSupport.position(name, name); }
    <LPAREN>
    (
        LOOKAHEAD(1) <RPAREN>
    |
        arg = SqlflowColumnArg() { args.add(arg); }
        ( <COMMA> arg = SqlflowColumnArg() { args.add(arg); } )*
        <RPAREN>
    )
    { return new SqlFeatureCall(pos, name.image, new SqlNodeList(args, pos)); }
}

/** An argument of a feature-column call: literal, [list], nested call or column. */
SqlNode SqlflowColumnArg() :
{
    final SqlNode arg;
}
{
    (
        arg = SqlflowNumber()
    |   arg = SqlflowString()
    |   arg = SqlflowColumnArgList()
    |
        LOOKAHEAD({ SqlflowGrammarSupport.startsCall(getToken(1), getToken(2)) })
        arg = SqlflowFeatureCall()
    |
        arg = SqlflowName()
    )
    { return arg; }
}

SqlNodeList SqlflowColumnArgList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlNode arg;
}
{
    <LBRACKET> { s = span(); }
    (
        LOOKAHEAD(1) <RBRACKET>
    |
        arg = SqlflowColumnArg() { list.add(arg); }
        ( <COMMA> arg = SqlflowColumnArg() { list.add(arg); } )*
        <RBRACKET>
    )
    { return new SqlNodeList(list, s.end(this)); }
}

/** LABEL's column: a name, or the same written as a string ('class'). */
SqlIdentifier SqlflowLabel() :
{
    final SqlIdentifier label;
}
{
    (
        <QUOTED_STRING> {
            label = SqlflowGrammarSupport.quotedName(
                SqlParserUtil.parseString(token.image), token);
        }
    |
        <SQLFLOW_DOUBLE_QUOTED_STRING> {
            label = SqlflowGrammarSupport.quotedName(
                SqlflowGrammarSupport.unquoteDoubleQuoted(token.image), token);
        }
    |
        label = SqlflowName()
    )
    { return label; }
}

/** A number, optionally signed, kept exactly as written. */
SqlNumericLiteral SqlflowNumber() :
{
    final Token first;
    boolean negative = false;
}
{
    { first = getToken(1); }
    [ <MINUS> { negative = true; } | <PLUS> ]
    ( <UNSIGNED_INTEGER_LITERAL> | <DECIMAL_NUMERIC_LITERAL> | <APPROX_NUMERIC_LITERAL> )
    {
        return SqlflowGrammarSupport.number(token.image, negative,
            SqlflowGrammarSupport.position(first, token));
    }
}

/** 'single' or "double" quoted; both are strings, as in MySQL. */
SqlCharStringLiteral SqlflowString() :
{
    final String value;
}
{
    (
        <QUOTED_STRING> { value = SqlParserUtil.parseString(token.image); }
    |
        <SQLFLOW_DOUBLE_QUOTED_STRING> {
            value = SqlflowGrammarSupport.unquoteDoubleQuoted(token.image);
        }
    )
    { return (SqlCharStringLiteral) SqlLiteral.createCharString(value, getPos()); }
}

/** A possibly dotted name. */
SqlIdentifier SqlflowName() :
{
    final List<Token> segments = new ArrayList<Token>();
    Token t;
}
{
    t = SqlflowNameStart() { segments.add(t); }
    ( <DOT> t = SqlflowWord() { segments.add(t); } )*
    { return SqlflowGrammarSupport.name(segments); }
}

/*
 * Names are read word by word whatever the token kind: an identifier, a back-quoted
 * identifier or any keyword (iris.train, validation.select, CROSS). A name may not start
 * with a clause keyword (WITH, COLUMN, FOR, LABEL, USING, INTO, TO): that ends the previous
 * part instead. The IDENTIFIER alternatives come first so that error messages say an
 * identifier was expected.
 */

/** The first word of a name. */
Token SqlflowNameStart() :
{
    final Token t;
}
{
    (
        t = <IDENTIFIER>
    |
        LOOKAHEAD({ SqlflowGrammarSupport.isWord(getToken(1), true) })
        { t = getNextToken(); }
    )
    { return t; }
}

/** A word after a dot, or a function name. */
Token SqlflowWord() :
{
    final Token t;
}
{
    (
        t = <IDENTIFIER>
    |
        LOOKAHEAD({ SqlflowGrammarSupport.isWord(getToken(1), false) })
        { t = getNextToken(); }
    )
    { return t; }
}
