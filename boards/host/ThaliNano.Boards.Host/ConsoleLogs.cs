using ThaliNano.Firmware;
using ThaliNano.Http;

namespace ThaliNano.Boards.Host;

/// <summary>One line per answered request on standard output.</summary>
internal sealed class ConsoleRequestLog : IHubRequestLog
{
    public void Request(string method, string target, string? principal, int status) =>
        Console.WriteLine("request " + status + " " + method + " " + target + " " + (principal ?? "-"));
}

/// <summary>Transport and handler failures on standard error.</summary>
internal sealed class ConsoleServerLog : IHttpServerLog
{
    public void Log(string message, Exception? exception) =>
        Console.Error.WriteLine("hub: " + message + (exception == null ? "" : ": " + exception.GetType().Name + ": " + exception.Message));
}
