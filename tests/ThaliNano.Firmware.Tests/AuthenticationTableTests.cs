using ThaliNano.Identity;

namespace ThaliNano.Firmware.Tests;

/// <summary>
/// The firmware's authentication table (firmware/README.md), one row per combination of what the transport
/// authenticated and what proof the request carries, through the whole hub: HTTP server, <see cref="PrincipalAuthenticator"/>
/// and a handler mounted with <see cref="Hub.Mount"/>.
/// </summary>
public sealed class AuthenticationTableTests : IDisposable
{
    private const string Target = "/whoami?x=1";
    private const string Body = "{\"n\":1}";

    private readonly AuthHub _hub = new();
    private string? _replayed;

    public enum Transport
    {
        /// <summary>No key (the ESP32).</summary>
        None,

        /// <summary>A key that is not paired (counts as none).</summary>
        Unpaired,

        /// <summary>Alice's paired key (the host board).</summary>
        Paired,
    }

    public enum Proof
    {
        None,
        Valid,
        Malformed,
        WrongScheme,
        UnknownKey,
        BadMac,
        Replayed,
        OldEpoch,
        WrongHub,
        BodyMismatch,
    }

    public void Dispose() => _hub.Dispose();

    public static TheoryData<Transport, Proof, int, bool, bool> Table()
    {
        // transport, proof, status, principal is alice (else anonymous or refused), challenge
        var rows = new TheoryData<Transport, Proof, int, bool, bool>();
        foreach (Transport transport in new[] { Transport.None, Transport.Unpaired })
        {
            rows.Add(transport, Proof.None, 200, false, true);
            rows.Add(transport, Proof.Valid, 200, true, false);
        }

        rows.Add(Transport.Paired, Proof.None, 200, true, false);
        rows.Add(Transport.Paired, Proof.Valid, 200, true, false);
        foreach (Transport transport in Enum.GetValues<Transport>())
        {
            rows.Add(transport, Proof.Malformed, 400, false, true);
            rows.Add(transport, Proof.WrongScheme, 401, false, true);
            rows.Add(transport, Proof.UnknownKey, 401, false, true);
            rows.Add(transport, Proof.BadMac, 401, false, true);
            rows.Add(transport, Proof.Replayed, 401, false, true);
            rows.Add(transport, Proof.OldEpoch, 401, false, true);
            rows.Add(transport, Proof.WrongHub, 401, false, true);
            rows.Add(transport, Proof.BodyMismatch, 400, false, true);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_row_of_the_table(Transport transport, Proof proof, int status, bool alice, bool challenge)
    {
        PublicKeyId? transportKey = transport switch
        {
            Transport.Paired => _hub.Alice.Key,
            Transport.Unpaired => _hub.Mallory.Key,
            _ => null,
        };
        int actedBefore = PrimeFor(proof, transportKey);

        Response response = _hub.Send(transportKey, "PUT", Target, Authorization(proof), proof == Proof.BodyMismatch ? "{\"n\":2}" : Body);

        Assert.True(status == response.Status, $"expected {status}, got {response.Status}: {response.Text}");
        Assert.Equal(challenge ? _hub.Challenge : null, response.Header("WWW-Authenticate"));
        if (status == 200)
        {
            Assert.Equal(alice ? _hub.Alice.Key.ToBase64Url() : null, response.Json.GetProperty("principal").GetString());
            Assert.Equal(Enumerable.Repeat(Body, actedBefore + 1), _hub.Acted);
            return;
        }

        // Refused: the handler acted on nothing, and the reason names no key and no epoch.
        Assert.Equal(actedBefore, _hub.Acted.Count);
        string reason = response.AssertError(status, status == 400 ? "bad_request" : "unauthorized");
        foreach (PublicKeyId key in new[] { _hub.Alice.Key, _hub.Bob.Key, _hub.Mallory.Key, AuthHub.HubKey })
        {
            Assert.DoesNotContain(key.ToBase64Url(), reason);
        }

        Assert.DoesNotContain(_hub.Epoch, reason);
    }

    [Fact]
    public void An_unknown_key_and_a_bad_mac_get_the_same_answer()
    {
        Response unknown = _hub.Send(null, "PUT", Target, Authorization(Proof.UnknownKey), Body);
        Response badMac = _hub.Send(null, "PUT", Target, Authorization(Proof.BadMac), Body);
        Assert.Equal(unknown.Status, badMac.Status);
        Assert.Equal(unknown.Text, badMac.Text);
        Assert.Equal(unknown.Headers, badMac.Headers);
    }

    [Fact]
    public void A_handler_mounted_with_Hub_Mount_sees_the_principal_a_proof_establishes()
    {
        Response bob = _hub.SendSigned(_hub.Bob, null, "GET", "/whoami");
        bob.AssertStatus(200);
        Assert.Equal(_hub.Bob.Key.ToBase64Url(), bob.Json.GetProperty("principal").GetString());
        Assert.Null(bob.Header("WWW-Authenticate"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, bob.Json.GetProperty("authorization").ValueKind);
    }

    [Fact]
    public void An_unpaired_transport_key_is_anonymous()
    {
        Response response = _hub.Send(_hub.Mallory.Key, "GET", "/whoami", authorization: null);
        response.AssertStatus(200);
        Assert.Null(response.Json.GetProperty("principal").GetString());
        Assert.Equal(_hub.Challenge, response.Header("WWW-Authenticate"));
    }

    [Fact]
    public void On_the_host_a_valid_proof_for_another_paired_key_than_the_transport_one_is_refused()
    {
        Response response = _hub.SendSigned(_hub.Bob, _hub.Alice.Key, "PUT", Target, Body);
        Assert.Contains("names another key", response.AssertError(401, "unauthorized"));
        Assert.Empty(_hub.Acted);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_chunked_body_is_verified_like_a_sized_one(bool matches)
    {
        string header = _hub.Alice.Sign(_hub.Epoch, "POST", "/whoami", Body);
        Response response = _hub.Send(null, "POST", "/whoami", header, matches ? Body : "{\"n\":11}", chunked: true);
        if (matches)
        {
            response.AssertStatus(200);
            Assert.Equal(new[] { Body }, _hub.Acted);
        }
        else
        {
            Assert.Equal(VerifiedBody.MismatchReason, response.AssertError(400, "bad_request"));
            Assert.Empty(_hub.Acted);
        }
    }

    [Fact]
    public void A_document_write_whose_body_does_not_match_its_proof_changes_nothing()
    {
        _hub.SendSigned(_hub.Alice, null, "PUT", "/db").AssertStatus(201);
        string header = _hub.Alice.Sign(_hub.Epoch, "PUT", "/db/doc", "{\"v\":\"signed\"}");

        Response tampered = _hub.Send(null, "PUT", "/db/doc", header, "{\"v\":\"swapped\"}");

        Assert.Equal(VerifiedBody.MismatchReason, tampered.AssertError(400, "bad_request"));
        Assert.Equal(_hub.Challenge, tampered.Header("WWW-Authenticate"));
        _hub.SendSigned(_hub.Alice, null, "GET", "/db/doc").AssertError(404, "not_found");
        _hub.SendSigned(_hub.Alice, null, "PUT", "/db/doc", "{\"v\":\"signed\"}").AssertStatus(201);
    }

    /// <summary>Sends what a row needs first (the original of a replay); returns how many bodies were acted on by then.</summary>
    private int PrimeFor(Proof proof, PublicKeyId? transportKey)
    {
        if (proof == Proof.Replayed)
        {
            _replayed = _hub.Alice.Sign(_hub.Epoch, "PUT", Target, Body);
            _hub.Send(transportKey, "PUT", Target, _replayed, Body).AssertStatus(200);
        }

        return _hub.Acted.Count;
    }

    private string? Authorization(Proof proof) => proof switch
    {
        Proof.None => null,
        Proof.Valid or Proof.BodyMismatch => _hub.Alice.Sign(_hub.Epoch, "PUT", Target, Body),
        Proof.Malformed => _hub.Alice.Sign(_hub.Epoch, "PUT", Target, Body).Replace("ctr=\"", "ctr=\"0"),
        Proof.WrongScheme => "Basic YWxpY2U6c2VjcmV0",
        Proof.UnknownKey => _hub.Mallory.Sign(_hub.Epoch, "PUT", Target, Body),
        Proof.BadMac => SwapMac(_hub.Alice.Sign(_hub.Epoch, "PUT", Target, Body), _hub.Bob.Sign(_hub.Epoch, "PUT", Target, Body)),
        Proof.Replayed => _replayed,
        Proof.OldEpoch => _hub.Alice.Sign("anEarlierEpoch", "PUT", Target, Body),
        Proof.WrongHub => _hub.Alice.Sign(_hub.Epoch, "PUT", Target, Body, hub: _hub.Mallory.Key),
        _ => throw new ArgumentOutOfRangeException(nameof(proof)),
    };

    /// <summary>Alice's header with the MAC of another header: right grammar, wrong MAC.</summary>
    private static string SwapMac(string header, string other) =>
        header[..header.IndexOf("mac=\"", StringComparison.Ordinal)] + other[other.IndexOf("mac=\"", StringComparison.Ordinal)..];
}
