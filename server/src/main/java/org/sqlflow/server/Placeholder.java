package org.sqlflow.server; class Placeholder {}
