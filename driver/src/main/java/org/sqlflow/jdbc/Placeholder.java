package org.sqlflow.jdbc; class Placeholder {}
