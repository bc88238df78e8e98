namespace ThaliNano.Cli;

/// <summary>A command that could not do its job; the message is the one line the user sees (exit code 1).</summary>
internal sealed class CommandFailedException(string reason, Exception? inner = null) : Exception(reason, inner);
