package org.apache.calcite.avatica;

/**
 * Avatica's own metadata, for what the SQLFlow driver's {@code ForwardedMetaData} answers on the
 * client (driver name and version, URL, the catalog requests of Avatica's protocol). Lives in
 * Avatica's package because its constructor is protected.
 */
class SqlflowDatabaseMetaData extends AvaticaDatabaseMetaData {

  SqlflowDatabaseMetaData(AvaticaConnection connection) {
    super(connection);
  }
}
