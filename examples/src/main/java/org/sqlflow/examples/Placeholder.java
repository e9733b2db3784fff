package org.sqlflow.examples; class Placeholder {}
