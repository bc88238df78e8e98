namespace ThaliNano.Gateway.Couch;

/// <summary>
/// The destination database did not take every revision (unreachable, refused, a row with an error): the bundle is not
/// delivered, nothing is recorded or receipted, and the carrier keeps its copy for a later contact.
/// </summary>
public sealed class CouchWriteException(string message, Exception? inner = null) : IOException(message, inner);
