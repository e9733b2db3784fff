package org.sqlflow.parser.ast; class Placeholder {}
