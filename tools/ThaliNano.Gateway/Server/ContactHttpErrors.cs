using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ThaliNano.Mesh.Contact;

namespace ThaliNano.Gateway.Server;

/// <summary>
/// How a refused contact looks over HTTPS: a status and <c>{"error": name, "reason": words}</c>. The names are the
/// <see cref="ContactRefusal"/> values in snake case, so an initiator's link can turn them back into a refusal.
/// </summary>
public static class ContactHttpErrors
{
    public const string MediaType = "application/json";

    private static readonly (ContactRefusal Refusal, string Name, int Status)[] s_table =
    [
        (ContactRefusal.Malformed, "malformed", StatusCodes.Status400BadRequest),
        (ContactRefusal.TooLarge, "too_large", StatusCodes.Status413PayloadTooLarge),
        (ContactRefusal.BadVersion, "bad_version", StatusCodes.Status400BadRequest),
        (ContactRefusal.WrongPeer, "wrong_peer", StatusCodes.Status403Forbidden),
        (ContactRefusal.WrongPhase, "wrong_phase", StatusCodes.Status400BadRequest),
        (ContactRefusal.NotAllowed, "not_allowed", StatusCodes.Status403Forbidden),
        (ContactRefusal.Cut, "cut", StatusCodes.Status400BadRequest),
    ];

    public static string Name(ContactRefusal refusal) => Entry(refusal).Name;

    public static int Status(ContactRefusal refusal) => Entry(refusal).Status;

    /// <summary>The refusal an error name stands for; false for names that are not refusals (e.g. "destination_unavailable").</summary>
    public static bool TryParse(string? name, out ContactRefusal refusal)
    {
        foreach ((ContactRefusal r, string n, int _) in s_table)
        {
            if (n == name)
            {
                refusal = r;
                return true;
            }
        }

        refusal = ContactRefusal.None;
        return false;
    }

    public static byte[] Body(string error, string reason) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["error"] = error, ["reason"] = reason });

    private static (ContactRefusal Refusal, string Name, int Status) Entry(ContactRefusal refusal) =>
        s_table.FirstOrDefault(entry => entry.Refusal == refusal) is { Name: not null } found
            ? found
            : throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "not a refusal");
}
