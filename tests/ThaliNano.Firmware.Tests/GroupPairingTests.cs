using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Http;
using ThaliNano.Identity;
using ThaliNano.Text;

namespace ThaliNano.Firmware.Tests;

/// <summary>POST /_pairing with "group" puts the new principal in _thali's group:{name} at once; unpairing takes it out.</summary>
public sealed class GroupPairingTests : IDisposable
{
    private readonly AuthHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void A_principal_paired_into_a_group_reads_a_database_whose_acl_names_the_group()
    {
        _hub.SendSigned(_hub.Alice, null, "PUT", "/field").AssertStatus(201);
        _hub.SendSigned(_hub.Alice, null, "PUT", "/field/reading", "{\"t\":21}").AssertStatus(201);
        _hub.SendSigned(_hub.Alice, null, "PUT", "/_thali/acl:field", "{\"read\":[\"group:technicians\"]}").AssertStatus(201);

        Response paired = Pair(_hub.Alice, Leaf("carol"), "technicians");
        paired.AssertStatus(201);
        Assert.Equal("technicians", paired.Json.GetProperty("group").GetString());
        AuthHub.Client carol = ClientOf(paired);

        _hub.SendSigned(carol, null, "GET", "/field/reading").AssertStatus(200);
        _hub.SendSigned(carol, null, "PUT", "/field/x", "{}").AssertStatus(403);
        Assert.Equal([carol.Key.ToBase64Url()], Members("technicians"));
    }

    [Fact]
    public void Pairing_into_an_existing_group_keeps_its_members_and_other_fields()
    {
        string bob = _hub.Bob.Key.ToBase64Url();
        _hub.SendSigned(_hub.Alice, null, "PUT", "/_thali/group:crew", "{\"members\":[\"" + bob + "\"],\"note\":\"day shift\"}").AssertStatus(201);

        AuthHub.Client carol = ClientOf(Pair(_hub.Alice, Leaf("carol"), "crew"));

        Assert.Equal([bob, carol.Key.ToBase64Url()], Members("crew"));
        Assert.Equal("day shift", Group("crew").Json.GetProperty("note").GetString());
    }

    [Fact]
    public void Unpairing_removes_the_principal_from_every_group_it_is_in()
    {
        AuthHub.Client carol = ClientOf(Pair(_hub.Alice, Leaf("carol"), "crew"));
        string bob = _hub.Bob.Key.ToBase64Url();
        string carolId = carol.Key.ToBase64Url();
        _hub.SendSigned(_hub.Alice, null, "PUT", "/_thali/group:night", "{\"members\":[\"" + carolId + "\",\"" + bob + "\"]}").AssertStatus(201);

        Response unpaired = _hub.SendSigned(_hub.Alice, null, "DELETE", "/_pairing/" + carolId);

        unpaired.AssertStatus(200);
        Assert.Equal(["crew", "night"], unpaired.Json.GetProperty("groups").EnumerateArray().Select(g => g.GetString()).Order());
        Assert.Empty(Members("crew"));
        Assert.Equal([bob], Members("night"));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"no spaces\"")]
    [InlineData("\"group:nested\"")]
    [InlineData("\"a-name-that-is-longer-than-sixty-four-characters-is-not-a-group-name\"")]
    [InlineData("7")]
    public void A_bad_group_name_is_400_and_nothing_is_paired(string group)
    {
        X509Certificate2 carol = Leaf("carol");
        string body = "{\"certificate\":\"" + Base64Url.Encode(carol.RawData) + "\",\"group\":" + group + "}";

        _hub.SendSigned(_hub.Alice, null, "POST", "/_pairing", body).AssertError(400, "bad_request");

        string list = _hub.SendSigned(_hub.Alice, null, "GET", "/_pairing").Text;
        Assert.DoesNotContain(PublicKeyId.FromCertificate(carol.RawData).ToBase64Url(), list);
        Assert.Equal(0, _hub.SendSigned(_hub.Alice, null, "GET", "/_thali/_all_docs").Json.GetProperty("rows").EnumerateArray()
            .Count(r => r.GetProperty("id").GetString()!.StartsWith("group:")));
    }

    [Fact]
    public void A_certificate_that_cannot_be_paired_leaves_the_group_as_it_was()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using X509Certificate2 ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        Pair(_hub.Alice, ca, "crew").AssertError(400, "bad_request");

        _hub.SendSigned(_hub.Alice, null, "GET", "/_thali/group:crew").AssertStatus(404);
    }

    [Fact]
    public void Only_the_owner_and_admins_pair_into_groups()
    {
        Pair(_hub.Bob, Leaf("carol"), "crew").AssertError(403, "forbidden");
        _hub.SendSigned(_hub.Alice, null, "GET", "/_thali/group:crew").AssertStatus(404);
    }

    private Response Pair(AuthHub.Client by, X509Certificate2 certificate, string group) =>
        _hub.SendSigned(by, null, "POST", "/_pairing",
            "{\"certificate\":\"" + Base64Url.Encode(certificate.RawData) + "\",\"group\":\"" + group + "\"}");

    private static AuthHub.Client ClientOf(Response paired) =>
        new(PublicKeyId.ParseBase64Url(paired.Json.GetProperty("key").GetString()!), Base64Url.Decode(paired.Json.GetProperty("secret").GetString()!));

    private Response Group(string name) => _hub.SendSigned(_hub.Alice, null, "GET", "/_thali/group:" + name);

    private string[] Members(string group) =>
        Group(group).Json.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).ToArray();

    private static X509Certificate2 Leaf(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return HubIdentity.CreateSelfSigned(key, "CN=" + name);
    }
}
