using System.Security.Cryptography;
using System.Text;
using CsCheck;

namespace ThaliNano.Identity.Tests;

public class ProofVerifierTests
{
    private const string Epoch = "R2VuZXNpcy1ib290LTAwMQ";

    private static readonly PublicKeyId s_alice = PublicKeyId.FromHash(SHA256.HashData("alice"u8));
    private static readonly PublicKeyId s_bob = PublicKeyId.FromHash(SHA256.HashData("bob"u8));
    private static readonly PublicKeyId s_mallory = PublicKeyId.FromHash(SHA256.HashData("mallory"u8));
    private static readonly PublicKeyId s_hub = PublicKeyId.FromHash(SHA256.HashData("hub"u8));
    private static readonly PublicKeyId s_otherHub = PublicKeyId.FromHash(SHA256.HashData("other hub"u8));
    private static readonly byte[] s_aliceSecret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] s_bobSecret = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();

    private sealed class Keyring : IProofKeyring
    {
        private readonly Dictionary<PublicKeyId, ProofKey> _keys = new()
        {
            [s_alice] = new ProofKey(s_alice, s_aliceSecret),
            [s_bob] = new ProofKey(s_bob, s_bobSecret),
        };

        public ProofKey Find(PublicKeyId id) => _keys.GetValueOrDefault(id)!;
    }

    private static string Header(PublicKeyId id, byte[] secret, long counter, string method = "GET", string target = "/db/_changes?since=5", string epoch = Epoch,
        string body = ThaliKeyProof.EmptyBodyDigest, PublicKeyId? hub = null) =>
        ThaliKeyProof.CreateHeader(id, secret, hub ?? s_hub, epoch, counter, method, target, body);

    private static ProofVerifier Verifier(IProofKeyring? keyring = null, string epoch = Epoch) => new(keyring ?? new Keyring(), s_hub, epoch);

    private static string Digest(string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        return ThaliKeyProof.DigestOfBody(bytes, 0, bytes.Length);
    }

    [Fact]
    public void TheMacIsTheHmacOfTheDocumentedLines()
    {
        string body = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData("{\"a\":1}"u8));
        string header = Header(s_alice, s_aliceSecret, 42, "PUT", "/db/doc%3D1?new_edits=false", body: body);
        string id = System.Buffers.Text.Base64Url.EncodeToString(s_alice.ToByteArray());
        string hub = System.Buffers.Text.Base64Url.EncodeToString(s_hub.ToByteArray());
        string input = "ThaliKey-v2\n" + hub + "\n" + Epoch + "\n" + id + "\n42\nPUT\n/db/doc%3D1?new_edits=false\n" + body + "\n";
        string mac = System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(s_aliceSecret, Encoding.ASCII.GetBytes(input)));

        Assert.Equal("ThaliKey id=\"" + id + "\", epoch=\"" + Epoch + "\", ctr=\"42\", body=\"" + body + "\", mac=\"" + mac + "\"", header);
        Assert.Equal(body, Digest("{\"a\":1}"));
        Assert.Equal(ThaliKeyProof.EmptyBodyDigest, System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData([])));
    }

    [Fact]
    public void MatchesTheReadmeTestVector()
    {
        // Values computed with Python's hashlib and hmac modules for the README.
        Assert.Equal("K9gGyX8OAK8aH8Myj6djqSaXI8jbj6xPk69x2xhtbpA", s_alice.ToBase64Url());
        Assert.Equal("CNM1A-4n1MEwVdDO_sXnML5O8uQc1s_OQ0k27B58nUs", s_hub.ToBase64Url());
        Assert.Equal("3K4xvm8XFpH7vWz09bx1Il7byHF9Mgb5WhMdKse2qL4", Digest("{\"_id\":\"doc=1\",\"a\":1}"));
        Assert.Equal(
            "ThaliKey id=\"K9gGyX8OAK8aH8Myj6djqSaXI8jbj6xPk69x2xhtbpA\", epoch=\"R2VuZXNpcy1ib290LTAwMQ\", ctr=\"42\", "
            + "body=\"3K4xvm8XFpH7vWz09bx1Il7byHF9Mgb5WhMdKse2qL4\", mac=\"bx69sqpI2vG7Va-uY7JP9zp4NXrPOjfkwL8m2hWItVU\"",
            Header(s_alice, s_aliceSecret, 42, "PUT", "/db/doc%3D1?new_edits=false", body: "3K4xvm8XFpH7vWz09bx1Il7byHF9Mgb5WhMdKse2qL4"));
    }

    [Fact]
    public void AcceptsAGoodProof()
    {
        var verifier = Verifier();
        ProofResult result = verifier.Verify("GET", "/db/_changes?since=5", Header(s_bob, s_bobSecret, 1), null!);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(s_bob, result.Principal);
        Assert.False(result.ByTransport);
        Assert.Equal(ProofFailure.None, result.Failure);
    }

    [Fact]
    public void RefusesAKeyThatIsNotPaired()
    {
        var result = Verifier().Verify("GET", "/db/_changes?since=5", Header(s_mallory, s_aliceSecret, 1), null!);
        AssertFailure(result, ProofFailure.UnknownKey, ProofVerifier.NotVerifiedReason);
    }

    [Fact]
    public void AnUnknownKeyAndAWrongMacGetTheSameReasonAndNameNoKey()
    {
        // Whoever asks learns nothing about which keys are paired: mallory (unknown) and bob with alice's secret
        // (paired, wrong MAC) are told the same, and no reason carries a key id or the epoch.
        ProofResult unknown = Verifier().Verify("GET", "/", Header(s_mallory, s_aliceSecret, 1, target: "/"), null!);
        ProofResult badMac = Verifier().Verify("GET", "/", Header(s_bob, s_aliceSecret, 1, target: "/"), null!);
        Assert.Equal(unknown.Reason, badMac.Reason);
        foreach (ProofResult r in new[] { unknown, badMac })
        {
            Assert.DoesNotContain(s_mallory.ToBase64Url(), r.Reason);
            Assert.DoesNotContain(s_bob.ToBase64Url(), r.Reason);
            Assert.DoesNotContain(s_alice.ToBase64Url(), r.Reason);
            Assert.DoesNotContain(s_hub.ToBase64Url(), r.Reason);
        }
    }

    [Fact]
    public void AnOldEpochIsReportedWhetherOrNotTheKeyIsPaired()
    {
        // Checked before the key is looked up, so WrongEpoch does not tell a paired key from an unknown one.
        ProofResult paired = Verifier().Verify("GET", "/", Header(s_alice, s_aliceSecret, 1, target: "/", epoch: "old"), null!);
        ProofResult unknown = Verifier().Verify("GET", "/", Header(s_mallory, s_aliceSecret, 1, target: "/", epoch: "old"), null!);
        AssertFailure(paired, ProofFailure.WrongEpoch, "another epoch");
        AssertFailure(unknown, ProofFailure.WrongEpoch, "another epoch");
        Assert.Equal(paired.Reason, unknown.Reason);
        Assert.DoesNotContain(Epoch, paired.Reason);
    }

    [Fact]
    public void RefusesAProofMadeForAnotherHub()
    {
        var result = Verifier().Verify("GET", "/", Header(s_alice, s_aliceSecret, 1, target: "/", hub: s_otherHub), null!);
        AssertFailure(result, ProofFailure.BadMac, ProofVerifier.NotVerifiedReason);
        Assert.Equal(s_hub, Verifier().HubKeyId);
    }

    [Fact]
    public void RefusesAProofWhoseSignedBodyDigestWasSwapped()
    {
        // The digest is a header parameter: replacing it (to pass another body) breaks the MAC.
        string header = Header(s_alice, s_aliceSecret, 1, "PUT", "/db/doc", body: Digest("{\"a\":1}"));
        string swapped = header.Replace(Digest("{\"a\":1}"), Digest("{\"a\":2}"));
        AssertFailure(Verifier().Verify("PUT", "/db/doc", swapped, null!), ProofFailure.BadMac, ProofVerifier.NotVerifiedReason);
    }

    [Fact]
    public void AProvenPrincipalComesWithTheSignedBodyDigestATransportOneWithout()
    {
        ProofResult proven = Verifier().Verify("PUT", "/db/doc", Header(s_alice, s_aliceSecret, 1, "PUT", "/db/doc", body: Digest("{}")), null!);
        Assert.True(proven.Succeeded, proven.Reason);
        Assert.Equal(SHA256.HashData("{}"u8), proven.GetBodyDigest());

        ProofResult byTransport = Verifier().Verify("PUT", "/db/doc", null!, s_alice);
        Assert.True(byTransport.ByTransport);
        Assert.Null(byTransport.GetBodyDigest());
    }

    [Fact]
    public void RefusesAnotherPrincipalsIdWithOnesOwnSecret()
    {
        // Mallory, paired as alice, claims to be bob.
        var result = Verifier().Verify("GET", "/db/_changes?since=5", Header(s_bob, s_aliceSecret, 1), null!);
        AssertFailure(result, ProofFailure.BadMac, ProofVerifier.NotVerifiedReason);
    }

    [Theory]
    [InlineData("POST", "/db/_changes?since=5")]
    [InlineData("get", "/db/_changes?since=5")]
    [InlineData("GET", "/db/_changes?since=6")]
    [InlineData("GET", "/db/_changes?since=5&x")]
    [InlineData("GET", "/other/_changes?since=5")]
    public void RefusesAProofForAnotherRequest(string method, string target)
    {
        var result = Verifier().Verify(method, target, Header(s_alice, s_aliceSecret, 7), null!);
        AssertFailure(result, ProofFailure.BadMac, ProofVerifier.NotVerifiedReason);
    }

    [Fact]
    public void RefusesAReplayedCounter()
    {
        var verifier = Verifier();
        string header = Header(s_alice, s_aliceSecret, 5);
        Assert.True(verifier.Verify("GET", "/db/_changes?since=5", header, null!).Succeeded);
        AssertFailure(verifier.Verify("GET", "/db/_changes?since=5", header, null!), ProofFailure.Replayed, "counter 5 was already used");
    }

    [Fact]
    public void AcceptsOutOfOrderCountersOnceAndRefusesStaleOnes()
    {
        var verifier = Verifier();
        ProofResult Verify(long counter) => verifier.Verify("GET", "/x", Header(s_alice, s_aliceSecret, counter, target: "/x"), null!);

        Assert.True(Verify(100).Succeeded);
        Assert.True(Verify(99).Succeeded);      // parallel requests arrive out of order
        Assert.True(Verify(36).Succeeded);      // 64 below: the window's oldest slot
        AssertFailure(Verify(35), ProofFailure.TooOld, "counter 35 lies below this epoch's replay window of 64 counters");
        AssertFailure(Verify(99), ProofFailure.Replayed, "already used");
        AssertFailure(Verify(100), ProofFailure.Replayed, "already used");
        Assert.True(Verify(164).Succeeded);     // slides the window by 64: 100 is now the oldest slot
        AssertFailure(Verify(100), ProofFailure.Replayed, "already used");
        AssertFailure(Verify(99), ProofFailure.TooOld, "below this epoch's replay window");
        Assert.True(Verify(101).Succeeded);
        Assert.True(Verify(1_000_000).Succeeded); // a big jump forgets everything below
        AssertFailure(Verify(164), ProofFailure.TooOld, "below this epoch's replay window");
    }

    [Fact]
    public void TheReplayWindowBehavesLikeItsDefinition()
    {
        // Definition: a counter is accepted iff it was never accepted and it is above (highest - 65);
        // a refused one is TooOld when it lies outside the window, else Replayed.
        // Counters as a walk whose steps are often exactly +-63, +-64 or +-65: the window's edges.
        var step = Gen.OneOf(Gen.Long[-66, 66], Gen.Long[63, 65], Gen.Long[-65, -63]);
        var walks = step.Array[1, 120].Select(steps =>
        {
            long position = 200;
            return steps.Select(s => position = Math.Max(1, position + s)).ToArray();
        });
        Gen.OneOf(walks, Gen.Long[1, 300].Array[1, 120]).Sample(counters =>
        {
            var verifier = Verifier();
            var accepted = new HashSet<long>();
            long highest = 0;
            foreach (long counter in counters)
            {
                bool expected = !accepted.Contains(counter) && counter > highest - 65;
                ProofResult result = verifier.Verify("GET", "/", Header(s_bob, s_bobSecret, counter, target: "/"), null!);
                if (result.Succeeded != expected)
                {
                    return false;
                }

                if (expected)
                {
                    accepted.Add(counter);
                    highest = Math.Max(highest, counter);
                }
                else if (result.Failure != (counter > highest - 65 ? ProofFailure.Replayed : ProofFailure.TooOld))
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Fact]
    public void ConcurrentRequestsWithOneCounterSucceedExactlyOnce()
    {
        var verifier = Verifier();
        for (long counter = 1; counter <= 50; counter++)
        {
            string header = Header(s_alice, s_aliceSecret, counter, target: "/");
            int successes = 0;
            Parallel.For(0, 8, _ =>
            {
                if (verifier.Verify("GET", "/", header, null!).Succeeded)
                {
                    Interlocked.Increment(ref successes);
                }
            });
            Assert.Equal(1, successes);
        }
    }

    [Fact]
    public void RefusesAProofForAnotherEpochAndNamesTheCurrentOne()
    {
        var verifier = Verifier();
        var result = verifier.Verify("GET", "/", Header(s_alice, s_aliceSecret, 1, target: "/", epoch: "previousBoot"), null!);

        AssertFailure(result, ProofFailure.WrongEpoch, "sign with the epoch of the WWW-Authenticate challenge");
        Assert.Equal("ThaliKey epoch=\"" + Epoch + "\"", verifier.Challenge);
        Assert.Equal(Epoch, ThaliKeyProof.ParseChallenge(verifier.Challenge));
    }

    [Fact]
    public void ANewEpochStartsEveryWindowAfresh()
    {
        var keyring = new Keyring();
        Assert.True(Verifier(keyring).Verify("GET", "/", Header(s_alice, s_aliceSecret, 500, target: "/"), null!).Succeeded);
        var restarted = Verifier(keyring, "nextBoot");
        Assert.True(restarted.Verify("GET", "/", Header(s_alice, s_aliceSecret, 1, target: "/", epoch: "nextBoot"), null!).Succeeded);
    }

    [Fact]
    public void OnTheHostTheTlsKeyAloneAuthenticates()
    {
        var result = Verifier().Verify("GET", "/", null!, s_mallory);
        Assert.True(result.Succeeded);
        Assert.True(result.ByTransport);
        Assert.Equal(s_mallory, result.Principal);
    }

    [Fact]
    public void OnTheHostAProofMustNameTheTlsKey()
    {
        var verifier = Verifier();
        AssertFailure(verifier.Verify("GET", "/", Header(s_bob, s_bobSecret, 1, target: "/"), s_alice),
            ProofFailure.KeyMismatch, "names another key than the client certificate");
        Assert.DoesNotContain(s_alice.ToBase64Url(), verifier.Verify("GET", "/", Header(s_bob, s_bobSecret, 3, target: "/"), s_alice).Reason);

        ProofResult same = verifier.Verify("GET", "/", Header(s_bob, s_bobSecret, 2, target: "/"), s_bob);
        Assert.True(same.Succeeded, same.Reason);
        Assert.False(same.ByTransport);
    }

    [Fact]
    public void WithoutHeaderOrTlsKeyThereIsNoPrincipal()
    {
        AssertFailure(Verifier().Verify("GET", "/", null!, null!), ProofFailure.MissingCredentials, "no ThaliKey proof");
    }

    [Theory]
    [InlineData("Basic YWxpY2U6c2VjcmV0")]
    [InlineData("Bearer x")]
    [InlineData("ThaliKeys id=\"x\"")]
    [InlineData("")]
    public void RefusesOtherSchemes(string header)
    {
        AssertFailure(Verifier().Verify("GET", "/", header, null!), ProofFailure.UnsupportedScheme, "not ThaliKey");
    }

    public static TheoryData<string, string> MalformedHeaders()
    {
        string id = s_alice.ToBase64Url();
        string mac = new string('A', 43);
        string body = ThaliKeyProof.EmptyBodyDigest;
        string good = "id=\"" + id + "\", epoch=\"e\", ctr=\"1\", body=\"" + body + "\", mac=\"" + mac + "\"";
        return new TheoryData<string, string>
        {
            { "ThaliKey", "has the parameters id, epoch, ctr, body and mac" },
            { "ThaliKey id=\"" + id + "\", epoch=\"e\", ctr=\"1\"", "has the parameters" },
            { "ThaliKey " + good + ", ctr=\"2\"", "ctr parameter appears twice" },
            { "ThaliKey " + good + ", nonce=\"2\"", "unknown ThaliKey parameter" },
            { "ThaliKey " + good.Replace(", ", " "), "separated by ','" },
            { "ThaliKey " + good.Replace("ctr=\"1\"", "ctr=1"), "name=\"value\"" },
            { "ThaliKey " + good.Replace("ctr=\"1\"", "ctr=\"01\""), "ctr is not a decimal counter" },
            { "ThaliKey " + good.Replace("ctr=\"1\"", "ctr=\"0\""), "ctr is not a decimal counter" },
            { "ThaliKey " + good.Replace("ctr=\"1\"", "ctr=\"-1\""), "ctr is not a decimal counter" },
            { "ThaliKey " + good.Replace("ctr=\"1\"", "ctr=\"1234567890123456789\""), "ctr is not a decimal counter" },
            { "ThaliKey " + good.Replace("epoch=\"e\"", "epoch=\"\""), "epoch is not" },
            { "ThaliKey " + good.Replace("epoch=\"e\"", "epoch=\"a.b\""), "epoch is not" },
            { "ThaliKey " + good.Replace(id, id.Substring(1)), "id is not a key id" },
            { "ThaliKey " + good.Replace(id, s_alice.ToHex()), "id is not a key id" },
            { "ThaliKey " + good.Replace("body=\"" + body + "\", ", ""), "has the parameters" },
            { "ThaliKey " + good.Replace(body, body.Substring(1)), "body is not 43 base64url" },
            { "ThaliKey " + good.Replace(body, body.Substring(1) + "="), "body is not 43 base64url" },
            { "ThaliKey " + good.Replace(mac, mac + "A"), "mac is not 43 base64url" },
            { "ThaliKey " + good.Replace(mac, mac.Substring(1) + "+"), "mac is not 43 base64url" },
            { "ThaliKey " + good.Replace("\"" + mac + "\"", "\"" + mac), "no closing quote" },
            { "ThaliKey " + good + new string(' ', 200), "longer than 320" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void RefusesMalformedHeadersWithAPreciseReason(string header, string reasonPart)
    {
        AssertFailure(Verifier().Verify("GET", "/", header, null!), ProofFailure.Malformed, reasonPart);
    }

    [Theory]
    [InlineData("GE T", "/", "method")]
    [InlineData("", "/", "method")]
    [InlineData("GET", "", "target")]
    [InlineData("GET", "/caf\u00e9", "printable ASCII")]
    [InlineData("GET", "/a b", "printable ASCII")]
    public void RefusesRequestsThatCannotBeSigned(string method, string target, string reasonPart)
    {
        string header = Header(s_alice, s_aliceSecret, 1, target: "/");
        AssertFailure(Verifier().Verify(method, target, header, null!), ProofFailure.Malformed, reasonPart);
        Assert.Throws<ArgumentException>(() => Header(s_alice, s_aliceSecret, 1, method, target));
    }

    [Fact]
    public void ToleratesCaseInTheSchemeAndSpacingAndOrderOfParameters()
    {
        string header = Header(s_alice, s_aliceSecret, 3, target: "/");
        ThaliKeyProof proof = ThaliKeyProof.Parse(header);
        string reordered = "  thalikey   mac=\"" + Convert(proof.GetMac()) + "\" ,ctr=\"3\",\tepoch=\"" + Epoch + "\" , id=\"" + s_alice
            + "\",body=\"" + ThaliKeyProof.EmptyBodyDigest + "\"  ";

        ProofResult result = Verifier().Verify("GET", "/", reordered, null!);
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(3, proof.Counter);
        Assert.Equal(Epoch, proof.Epoch);
        Assert.Equal(s_alice, proof.KeyId);
    }

    [Fact]
    public void EveryHeaderIsEitherAcceptedOrRefusedWithAReason()
    {
        string good = Header(s_alice, s_aliceSecret, 9, target: "/");
        Gen.Select(Gen.Int[0, good.Length], Gen.Int[0, 4], Gen.Char["\"=, \tAaz09-_\u00e9"]).Sample((at, kind, c) =>
        {
            string mutated = kind switch
            {
                0 => good[..at],
                1 => good[..at] + c + good[at..],
                2 => at < good.Length ? good[..at] + good[(at + 1)..] : good,
                _ => at < good.Length ? good[..at] + c + good[(at + 1)..] : good,
            };
            ProofResult result = Verifier().Verify("GET", "/", mutated, null!);
            return result.Succeeded ? result.Principal == s_alice : result.Reason != null && result.Principal == null;
        }, iter: 5_000);
    }

    [Fact]
    public void KeysAndEpochsAreChecked()
    {
        Assert.Throws<ArgumentException>(() => new ProofKey(s_alice, new byte[31]));
        Assert.Throws<ArgumentException>(() => Verifier(epoch: "bad epoch"));
        Assert.Throws<ArgumentException>(() => Verifier(epoch: new string('a', 65)));
        Assert.Throws<ArgumentNullException>(() => new ProofVerifier(new Keyring(), null!, Epoch));
        Assert.Throws<ArgumentException>(() => Header(s_alice, s_aliceSecret, 1, body: "short"));
        Assert.Equal(22, ProofVerifier.EpochFromRandom(new byte[16]).Length);
        Assert.Null(ThaliKeyProof.ParseChallenge("Basic realm=\"x\""));
        Assert.Null(ThaliKeyProof.ParseChallenge("ThaliKey epoch=\"a b\""));
    }

    private static string Convert(byte[] mac) => System.Buffers.Text.Base64Url.EncodeToString(mac);

    private static void AssertFailure(ProofResult result, ProofFailure failure, string reasonPart)
    {
        Assert.False(result.Succeeded);
        Assert.Null(result.Principal);
        Assert.Equal(failure, result.Failure);
        Assert.Contains(reasonPart, result.Reason);
    }
}
