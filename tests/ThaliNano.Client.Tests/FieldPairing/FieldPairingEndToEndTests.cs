using CsCheck;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Client.FieldPairing;
using ThaliNano.FieldPairing;

namespace ThaliNano.Client.Tests.FieldPairing;

/// <summary>The technician's client against a device session through a direct delegate (no radio).</summary>
public class FieldPairingEndToEndTests
{
    [Theory]
    [InlineData("reader", "reader", null)]
    [InlineData("writer", "writer", null)]
    [InlineData("admin", "admin", null)]
    [InlineData("group:pumps-north", null, "pumps-north")]
    public void A_technician_pairs_with_the_token_and_reads_the_secret_only_with_its_key(string role, string? expectedRole, string? expectedGroup)
    {
        var device = new FieldDevice();
        FieldPairingSession session = device.NewSession();

        FieldPairingResult result = new FieldPairingClient(session.Handle).Pair(device.Token.ToString(), Technicians.Leaf, Technicians.LeafKey, role);

        Pairing pairing = Assert.Single(device.Target.Pairings);
        Assert.Equal(pairing.Secret, result.Secret);
        Assert.Equal(Technicians.Leaf.RawData, pairing.CertificateDer);
        Assert.Equal((expectedRole, expectedGroup), (pairing.Role, pairing.Group));
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(Technicians.Leaf.PublicKey.ExportSubjectPublicKeyInfo())).TrimEnd('=').Replace('+', '-').Replace('/', '_'), result.KeyId);
        Assert.Equal(FieldDevice.HubUrl, result.HubUrl);
        Assert.True(device.Tokens.Consumed);
        Assert.True(session.IsComplete);
        Assert.Equal(device.Clock.NowMilliseconds, session.CompletedAtMilliseconds);
    }

    [Fact]
    public void A_wrong_token_fails_on_the_devices_proof_and_changes_nothing()
    {
        var device = new FieldDevice();
        string otherToken = PairingToken.Create(new SecureRandom()).ToString();

        var error = Assert.Throws<FieldPairingException>(() => Pair(device, device.NewSession(), otherToken));

        Assert.Equal(FieldPairingFailure.BadDeviceProof, error.Failure);
        device.AssertUnchanged();
    }

    [Fact]
    public void A_wrong_technician_proof_is_refused_and_counted()
    {
        var device = new FieldDevice();
        FieldPairingSession session = device.NewSession();
        Assert.Equal(FieldPairingMessage.Challenge, session.Handle(Hello())[0]);

        AssertRefusal(RefusalReason.BadProof, session.Handle(PairRequestWithProof(new byte[32])));
        Assert.Equal(1, device.Window.FailedProofs);
        device.AssertUnchanged();
    }

    [Fact]
    public void After_the_limit_of_wrong_proofs_pairing_is_locked_until_the_window_opens_again()
    {
        var device = new FieldDevice();
        for (int i = 0; i < device.Window.MaxFailedProofs; i++)
        {
            FieldPairingSession attacker = device.NewSession();
            attacker.Handle(Hello());
            AssertRefusal(RefusalReason.BadProof, attacker.Handle(PairRequestWithProof(RandomNumberGenerator.GetBytes(32))));
        }

        var locked = Assert.Throws<FieldPairingException>(() => Pair(device, device.NewSession()));
        Assert.Equal(RefusalReason.RateLimited, locked.DeviceReason);
        device.AssertUnchanged();

        device.Window.Open();
        Pair(device, device.NewSession());
        Assert.Single(device.Target.Pairings);
    }

    [Fact]
    public void Pairing_is_refused_while_the_window_was_never_opened()
    {
        var device = new FieldDevice(openWindow: false);

        var error = Assert.Throws<FieldPairingException>(() => Pair(device, device.NewSession()));

        Assert.Equal(RefusalReason.WindowClosed, error.DeviceReason);
        device.AssertUnchanged();
    }

    [Fact]
    public void Pairing_is_refused_once_the_window_has_expired()
    {
        var device = new FieldDevice();
        device.Clock.NowMilliseconds += 60_000;

        var error = Assert.Throws<FieldPairingException>(() => Pair(device, device.NewSession()));

        Assert.Equal(RefusalReason.WindowClosed, error.DeviceReason);
        device.AssertUnchanged();
    }

    [Fact]
    public void A_window_expiring_between_hello_and_pair_request_refuses_the_request()
    {
        var device = new FieldDevice();
        FieldPairingSession session = device.NewSession();
        int messages = 0;
        var slowClient = new FieldPairingClient(request =>
        {
            if (messages++ == 1)
            {
                device.Clock.NowMilliseconds += 60_000;
            }

            return session.Handle(request);
        });

        var error = Assert.Throws<FieldPairingException>(() => slowClient.Pair(device.Token.ToString(), Technicians.Leaf, Technicians.LeafKey, "reader"));

        Assert.Equal(RefusalReason.WindowClosed, error.DeviceReason);
        device.AssertUnchanged();
    }

    [Fact]
    public void A_used_token_pairs_nobody_else()
    {
        var device = new FieldDevice();
        Pair(device, device.NewSession());

        var error = Assert.Throws<FieldPairingException>(() => Pair(device, device.NewSession()));

        Assert.Equal(RefusalReason.TokenUsed, error.DeviceReason);
        Assert.Single(device.Target.Pairings);
    }

    [Fact]
    public void A_replayed_complete_session_fails_on_the_used_token()
    {
        var device = new FieldDevice();
        var recorded = new List<byte[]>();
        FieldPairingSession original = device.NewSession();
        new FieldPairingClient(request =>
        {
            recorded.Add(request);
            return original.Handle(request);
        }).Pair(device.Token.ToString(), Technicians.Leaf, Technicians.LeafKey, "admin");

        FieldPairingSession replay = device.NewSession();
        AssertRefusal(RefusalReason.TokenUsed, replay.Handle(recorded[0]));
        AssertRefusal(RefusalReason.SessionOver, replay.Handle(recorded[1]));
        Assert.Single(device.Target.Pairings);
    }

    [Fact]
    public void A_pair_request_from_an_older_session_is_refused_by_the_transcript()
    {
        var device = new FieldDevice();
        byte[]? oldRequest = null;
        FieldPairingSession old = device.NewSession();
        Assert.Throws<FieldPairingException>(() => new FieldPairingClient(request =>
        {
            if (request[0] == FieldPairingMessage.PairRequest)
            {
                oldRequest = request;
                return RefusalMessage.Encode(RefusalReason.Internal, "connection lost");
            }

            return old.Handle(request);
        }).Pair(device.Token.ToString(), Technicians.Leaf, Technicians.LeafKey, "admin"));

        FieldPairingSession next = device.NewSession();
        Assert.Equal(FieldPairingMessage.Challenge, next.Handle(Hello())[0]);
        AssertRefusal(RefusalReason.BadProof, next.Handle(oldRequest!));
        device.AssertUnchanged();
    }

    [Fact]
    public void Messages_out_of_order_are_refused_and_end_the_session()
    {
        var device = new FieldDevice();
        FieldPairingSession early = device.NewSession();
        AssertRefusal(RefusalReason.OutOfOrder, early.Handle(PairRequestWithProof(new byte[32])));
        AssertRefusal(RefusalReason.SessionOver, early.Handle(Hello()));

        FieldPairingSession twice = device.NewSession();
        twice.Handle(Hello());
        AssertRefusal(RefusalReason.OutOfOrder, twice.Handle(Hello()));

        FieldPairingSession echo = device.NewSession();
        byte[] challenge = echo.Handle(Hello());
        AssertRefusal(RefusalReason.OutOfOrder, echo.Handle(challenge));
        device.AssertUnchanged();
    }

    public static TheoryData<string, byte[]> Garbage => new()
    {
        { "empty", [] },
        { "unknown type", [0x42, 1, 2, 3] },
        { "short hello", [FieldPairingMessage.Hello, FieldPairingMessage.Version, 1, 2] },
        { "long hello", [FieldPairingMessage.Hello, FieldPairingMessage.Version, .. new byte[17]] },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_is_refused_as_malformed(string what, byte[] message)
    {
        var device = new FieldDevice();
        AssertRefusal(RefusalReason.Malformed, device.NewSession().Handle(message));
        device.AssertUnchanged();
        Assert.NotEmpty(what);
    }

    [Fact]
    public void Another_protocol_version_is_refused()
    {
        var device = new FieldDevice();
        AssertRefusal(RefusalReason.UnsupportedVersion, device.NewSession().Handle([FieldPairingMessage.Hello, 2, .. new byte[16]]));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(65, 10)]
    [InlineData(6, 0)]
    [InlineData(6, 2049)]
    public void Fields_beyond_their_limits_are_refused_as_malformed(int roleLength, int certificateLength)
    {
        var device = new FieldDevice();
        FieldPairingSession session = device.NewSession();
        session.Handle(Hello());
        byte[] request = [FieldPairingMessage.PairRequest, (byte)roleLength, .. new byte[roleLength],
            (byte)(certificateLength >> 8), (byte)certificateLength, .. new byte[certificateLength], .. new byte[32]];

        AssertRefusal(RefusalReason.Malformed, session.Handle(request));
        device.AssertUnchanged();
    }

    [Fact]
    public void An_oversize_message_is_refused_as_malformed()
    {
        var device = new FieldDevice();
        FieldPairingSession session = device.NewSession();
        session.Handle(Hello());

        AssertRefusal(RefusalReason.Malformed, session.Handle([FieldPairingMessage.PairRequest, .. new byte[FieldPairingMessage.MaxPairRequestSize]]));
    }

    [Fact]
    public void Random_bytes_never_throw_and_change_nothing()
    {
        var device = new FieldDevice();
        Gen.Byte.Array[0, 3000].Sample(message =>
        {
            byte[] reply = device.NewSession().Handle(message);
            Assert.True(reply[0] is FieldPairingMessage.Refusal or FieldPairingMessage.Challenge);
        });
        Gen.Byte.Array[0, 2200].Sample(body =>
        {
            FieldPairingSession session = device.NewSession();
            session.Handle(Hello());
            Assert.Equal(FieldPairingMessage.Refusal, session.Handle([FieldPairingMessage.PairRequest, .. body])[0]);
            device.Window.Open();
        });
        device.AssertUnchanged();
    }

    [Fact]
    public void A_ca_certificate_is_refused()
    {
        var device = new FieldDevice();
        var error = Assert.Throws<FieldPairingException>(() => Pair(device, device.NewSession(), certificate: Technicians.Ca, key: Technicians.CaKey));
        Assert.Equal(RefusalReason.NotLeaf, error.DeviceReason);
        device.AssertUnchanged();
    }

    [Fact]
    public void An_ec_key_is_refused()
    {
        var device = new FieldDevice();
        var error = Assert.Throws<FieldPairingException>(() => Pair(device, device.NewSession(), certificate: Technicians.EcLeaf()));
        Assert.Equal(RefusalReason.UnsupportedKey, error.DeviceReason);
        device.AssertUnchanged();
    }

    [Fact]
    public void A_1024_bit_rsa_key_is_refused()
    {
        var device = new FieldDevice();
        var error = Assert.Throws<FieldPairingException>(() => Pair(device, device.NewSession(), certificate: Technicians.SmallRsa, key: Technicians.SmallRsaKey));
        Assert.Equal(RefusalReason.UnsupportedKey, error.DeviceReason);
        device.AssertUnchanged();
    }

    [Fact]
    public void A_certificate_that_is_not_der_is_refused()
    {
        var device = new FieldDevice();
        byte[] notDer = [0x30, 0x03, 0x02, 0x01, 0x00];
        var session = device.NewSession();
        var error = Assert.Throws<FieldPairingException>(() => new FieldPairingClient(session.Handle)
            .Pair(device.Token.ToString(), notDer, Technicians.LeafKey, "reader"));
        Assert.Equal(RefusalReason.BadCertificate, error.DeviceReason);
        device.AssertUnchanged();
    }

    [Theory]
    [InlineData("root")]
    [InlineData("Reader")]
    [InlineData("group:")]
    [InlineData("group:a:b")]
    [InlineData("group:has space")]
    [InlineData("group:ünicode")]
    public void Unknown_roles_and_bad_group_names_are_refused(string role)
    {
        var device = new FieldDevice();
        var error = Assert.Throws<FieldPairingException>(() => Pair(device, device.NewSession(), role: role));
        Assert.Equal(RefusalReason.UnknownRole, error.DeviceReason);
        device.AssertUnchanged();
    }

    [Fact]
    public void When_the_firmware_refuses_the_token_stays_unused()
    {
        var device = new FieldDevice();
        device.Target.RefuseWith = "the registry is full";

        var error = Assert.Throws<FieldPairingException>(() => Pair(device, device.NewSession()));

        Assert.Equal(RefusalReason.PairingRefused, error.DeviceReason);
        Assert.Contains("the registry is full", error.Message);
        device.AssertUnchanged();
    }

    [Fact]
    public void A_man_in_the_middle_altering_any_byte_of_any_message_is_detected()
    {
        var device = new FieldDevice();
        var lengths = new List<int>();
        FieldPairingSession clean = device.NewSession();
        new FieldPairingClient(request =>
        {
            byte[] reply = clean.Handle(request);
            lengths.Add(request.Length);
            lengths.Add(reply.Length);
            return reply;
        }).Pair(device.Token.ToString(), Technicians.Leaf, Technicians.LeafKey, "writer");

        for (int message = 0; message < lengths.Count; message++)
        {
            for (int position = 0; position < lengths[message]; position++)
            {
                var target = new FieldDevice();
                FieldPairingSession session = target.NewSession();
                int counter = 0;
                byte[] Tamper(byte[] bytes)
                {
                    if (counter++ == message)
                    {
                        bytes = bytes.ToArray();
                        bytes[position] ^= 0x01;
                    }

                    return bytes;
                }

                Assert.Throws<FieldPairingException>(() => new FieldPairingClient(request => Tamper(session.Handle(Tamper(request))))
                    .Pair(target.Token.ToString(), Technicians.Leaf, Technicians.LeafKey, "writer"));
                if (message < 3)
                {
                    target.AssertUnchanged();
                }
            }
        }
    }

    private static FieldPairingResult Pair(FieldDevice device, FieldPairingSession session, string? token = null,
        X509Certificate2? certificate = null, RSA? key = null, string role = "reader") =>
        new FieldPairingClient(session.Handle).Pair(token ?? device.Token.ToString(), certificate ?? Technicians.Leaf, key ?? Technicians.LeafKey, role);

    private static byte[] Hello() => [FieldPairingMessage.Hello, FieldPairingMessage.Version, .. RandomNumberGenerator.GetBytes(16)];

    private static byte[] PairRequestWithProof(byte[] proof)
    {
        byte[] certificate = Technicians.Leaf.RawData;
        return [FieldPairingMessage.PairRequest, 6, .. "reader"u8, (byte)(certificate.Length >> 8), (byte)certificate.Length, .. certificate, .. proof];
    }

    private static void AssertRefusal(RefusalReason reason, byte[] reply)
    {
        Assert.Equal(FieldPairingMessage.Refusal, reply[0]);
        Assert.Equal(reason, (RefusalReason)reply[1]);
        Assert.Equal(reply.Length, 3 + reply[2]);
    }
}
