package org.sqlflow.server.protocol;

import org.apache.calcite.avatica.Meta;

/**
 * A result's signature that its client already holds: the one its prepared statement's prepare
 * announced. {@link PackedFrameTranslation} leaves it out of a result in packed frames, whose
 * client (SQLFlow's driver) reads such a result with the announced one; for a point query the
 * signature costs both sides more than the row. Any other client, or a result not in packed frames,
 * gets it whole as usual.
 */
final class AnnouncedSignature extends Meta.Signature {

  private AnnouncedSignature(Meta.Signature signature) {
    super(
        signature.columns,
        signature.sql,
        signature.parameters,
        signature.internalParameters,
        signature.cursorFactory,
        signature.statementType);
  }

  /** {@code signature}, marked as announced when it equals {@code announced}. */
  static Meta.Signature of(Meta.Signature signature, Meta.Signature announced) {
    return signature.equals(announced) ? new AnnouncedSignature(signature) : signature;
  }

  /** Whether the client already holds {@code signature}. */
  static boolean isAnnounced(Meta.Signature signature) {
    return signature instanceof AnnouncedSignature;
  }

  /** The signature to write for a result in packed frames: none if the client holds it. */
  static Meta.Signature toWrite(Meta.Signature signature) {
    return isAnnounced(signature) ? null : signature;
  }
}
