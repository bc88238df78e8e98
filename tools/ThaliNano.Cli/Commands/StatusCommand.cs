using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Identity;

namespace ThaliNano.Cli.Commands;

/// <summary>
/// <c>thalinano status</c>: a hub's status page as the JSON it serves (<c>/_status?format=json</c>), fetched over
/// mutual TLS with the hub's key pinned, shown as a short summary or printed whole with <c>--json</c>.
/// </summary>
internal static class StatusCommand
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    public static Command Create()
    {
        var url = new Option<string>("--url") { HelpName = "URL", Description = "the hub's httpkey URL (host, port and key)", Required = true };
        var certificate = new Option<FileInfo>("--cert") { HelpName = "PEM", Description = "a paired client certificate (PEM)", Required = true };
        var key = new Option<FileInfo>("--key") { HelpName = "PEM", Description = "its private key (PEM)", Required = true };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("status", "a hub's status: identity, uptime, memory, storage, mesh (what /_status shows)")
        {
            url, certificate, key, json,
        };
        command.SetAction((parseResult, output) =>
        {
            HttpKeyUrl hub;
            try
            {
                hub = HttpKeyUrl.Parse(parseResult.GetRequiredValue(url));
            }
            catch (FormatException e)
            {
                throw new CommandFailedException("--url is not an httpkey URL: " + e.Message, e);
            }

            using X509Certificate2 client = X509Certificate2.CreateFromPemFile(
                parseResult.GetRequiredValue(certificate).FullName, parseResult.GetRequiredValue(key).FullName);
            JsonNode status = Fetch(hub, client);
            if (parseResult.GetValue(json))
            {
                output.Out.WriteLine(status.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Ok;
            }

            // The scalar facts, one row each, named section.fact; lists (databases, principals, contacts) are in --json.
            var table = new Table().AddColumns("fact", "value").HideHeaders();
            foreach (var (section, facts) in status.AsObject())
            {
                IEnumerable<KeyValuePair<string, JsonNode?>> rows = facts is JsonObject members
                    ? members.Select(m => KeyValuePair.Create(section + "." + m.Key, m.Value))
                    : [KeyValuePair.Create(section, facts)];
                foreach (var (name, value) in rows.Where(row => row.Value is JsonValue))
                {
                    table.AddRow(Markup.Escape(name), Markup.Escape(value!.ToString()));
                }
            }

            output.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static JsonNode Fetch(HttpKeyUrl hub, X509Certificate2 client)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = s_timeout,
            SslOptions = PinnedTlsClient.Options(hub.KeyId, client),
        };
        using var http = new HttpClient(handler) { Timeout = s_timeout };
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://" + hub.Host + ":" + hub.Port + "/_status?format=json");
            using HttpResponseMessage response = http.Send(request);
            string body = response.Content.ReadAsStringAsync().Result;
            if (!response.IsSuccessStatusCode)
            {
                throw new CommandFailedException("the hub answered " + (int)response.StatusCode + ": " + body.Trim());
            }

            return JsonNode.Parse(body) ?? throw new CommandFailedException("the hub's status is empty");
        }
        catch (HttpRequestException e)
        {
            throw new CommandFailedException("cannot reach the hub at " + hub.Host + ":" + hub.Port + " (or its key is not the one pinned): " + e.Message, e);
        }
        catch (JsonException e)
        {
            throw new CommandFailedException("the hub's status is not JSON: " + e.Message, e);
        }
    }
}
