namespace ThaliNano.Firmware.Tests.Status;

/// <summary>What the status tests do again and again: key ids, the admins document, a principal's action token.</summary>
internal static class StatusClient
{
    public static string Id(AuthHub.Client client) => client.Key.ToBase64Url();

    /// <summary>Replaces _thali's admins by these principals.</summary>
    public static void SetAdmins(AuthHub hub, params AuthHub.Client[] admins)
    {
        string rev = hub.SendSigned(hub.Alice, null, "GET", "/_thali/admins").Json.GetProperty("_rev").GetString()!;
        string members = string.Join(",", admins.Select(a => "\"" + Id(a) + "\""));
        hub.SendSigned(hub.Alice, null, "PUT", "/_thali/admins", "{\"_rev\":\"" + rev + "\",\"members\":[" + members + "]}").AssertStatus(201);
    }

    /// <summary>The action token the JSON status gives an admin.</summary>
    public static string Token(AuthHub hub, AuthHub.Client admin)
    {
        var response = hub.Send(admin.Key, "GET", "/_status?format=json", null);
        response.AssertStatus(200);
        return response.Json.GetProperty("actions").GetProperty("token").GetString()!;
    }
}
