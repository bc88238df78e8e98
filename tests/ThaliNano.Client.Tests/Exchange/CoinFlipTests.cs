using ThaliNano.Client.Exchange;
using static ThaliNano.Client.Tests.Exchange.Identities;

namespace ThaliNano.Client.Tests.Exchange;

public class CoinFlipTests
{
    private readonly CoinFlipInitiator _alice = new(Url("alice"), Seeded(1));
    private readonly CoinFlipResponder _bob = new(Url("bob", "192.168.4.2"), Seeded(2));

    [Fact]
    public void An_honest_run_gives_both_sides_the_same_code_and_the_other_sides_url()
    {
        byte[] response = _bob.ReceiveCommit(_alice.Commit());
        CoinFlipResult bobs = _bob.ReceiveOpen(_alice.ReceiveResponse(response));

        CoinFlipResult alices = _alice.Result!;
        Assert.Equal(alices.Code, bobs.Code);
        Assert.Matches("^[0-9]{6}$", bobs.Code);
        Assert.Equal(Url("bob", "192.168.4.2"), alices.PeerUrl);
        Assert.Equal(Url("alice").KeyId, bobs.PeerKeyId);
        Assert.Equal(CoinFlipState.Done, _alice.State);
        Assert.Equal(CoinFlipState.Done, _bob.State);
    }

    [Fact]
    public void Two_runs_between_the_same_keys_give_independent_codes()
    {
        string first = Run(new CoinFlipInitiator(Url("alice")), new CoinFlipResponder(Url("bob")));
        string[] others = Enumerable.Range(0, 5).Select(_ => Run(new CoinFlipInitiator(Url("alice")), new CoinFlipResponder(Url("bob")))).ToArray();

        Assert.DoesNotContain(first, others);
    }

    [Fact]
    public void An_opening_that_does_not_match_the_commitment_is_refused_and_the_honest_opening_still_completes()
    {
        byte[] response = _bob.ReceiveCommit(_alice.Commit());
        byte[] open = _alice.ReceiveResponse(response);

        byte[] otherNonce = (byte[])open.Clone();
        otherNonce[5] ^= 1;
        byte[] otherKey = CoinFlipMessage.EncodeKeyAndNonce(CoinFlipMessageType.Open, Url("mallory").ToString(), open[2..34]);

        Assert.Equal(CoinFlipRefusal.CommitmentMismatch, Assert.Throws<CoinFlipException>(() => _bob.ReceiveOpen(otherNonce)).Refusal);
        Assert.Equal(CoinFlipRefusal.CommitmentMismatch, Assert.Throws<CoinFlipException>(() => _bob.ReceiveOpen(otherKey)).Refusal);
        Assert.Equal(CoinFlipState.AwaitingOpen, _bob.State);
        Assert.Null(_bob.Result);
        Assert.Equal(_alice.Result!.Code, _bob.ReceiveOpen(open).Code);
    }

    [Fact]
    public void Messages_out_of_order_are_refused_as_wrong_order()
    {
        byte[] commit = _alice.Commit();
        var carol = new CoinFlipInitiator(Url("carol"), Seeded(3));
        byte[] response = new CoinFlipResponder(Url("dave"), Seeded(4)).ReceiveCommit(carol.Commit());
        byte[] open = carol.ReceiveResponse(response);

        Assert.Equal(CoinFlipRefusal.WrongOrder, Refusal(() => _bob.ReceiveOpen(open)));        // skipped the commitment
        Assert.Equal(CoinFlipRefusal.WrongOrder, Refusal(() => _bob.ReceiveCommit(response)));  // the responder's own kind
        Assert.Equal(CoinFlipRefusal.WrongOrder, Refusal(() => _alice.ReceiveResponse(commit)));
        Assert.Equal(CoinFlipRefusal.WrongOrder, Refusal(() => new CoinFlipInitiator(Url("erin")).ReceiveResponse(response)));
        Assert.Equal(CoinFlipState.Ready, _bob.State);
        Assert.Equal(CoinFlipState.AwaitingResponse, _alice.State);
    }

    [Fact]
    public void Every_message_received_twice_is_refused_as_a_replay_and_the_result_stays()
    {
        byte[] commit = _alice.Commit();
        byte[] response = _bob.ReceiveCommit(commit);
        Assert.Equal(CoinFlipRefusal.Replayed, Refusal(() => _bob.ReceiveCommit(commit)));
        byte[] open = _alice.ReceiveResponse(response);
        string code = _bob.ReceiveOpen(open).Code;

        Assert.Equal(CoinFlipRefusal.Replayed, Refusal(() => _alice.ReceiveResponse(response)));
        Assert.Equal(CoinFlipRefusal.Replayed, Refusal(() => _bob.ReceiveOpen(open)));
        Assert.Equal(CoinFlipRefusal.Replayed, Refusal(() => _bob.ReceiveCommit(commit)));
        Assert.Equal(code, _bob.Result!.Code);
        Assert.Equal(code, _alice.Result!.Code);
        Assert.Throws<InvalidOperationException>(() => _alice.Commit());
    }

    [Fact]
    public void A_peer_presenting_this_sides_own_key_is_refused_as_reflected()
    {
        byte[] commit = _alice.Commit();
        var mirror = new CoinFlipResponder(Url("alice", "10.9.9.9"), Seeded(5));
        Assert.Equal(CoinFlipRefusal.Reflected, Refusal(() => _alice.ReceiveResponse(mirror.ReceiveCommit(commit))));

        var selfie = new CoinFlipInitiator(Url("bob", "10.9.9.9"), Seeded(6));
        byte[] response = _bob.ReceiveCommit(selfie.Commit());
        Assert.Equal(CoinFlipRefusal.Reflected, Refusal(() => _bob.ReceiveOpen(selfie.ReceiveResponse(response))));
        Assert.Null(_alice.Result);
        Assert.Null(_bob.Result);
    }

    private static string Run(CoinFlipInitiator a, CoinFlipResponder b)
    {
        string code = b.ReceiveOpen(a.ReceiveResponse(b.ReceiveCommit(a.Commit()))).Code;
        Assert.Equal(code, a.Result!.Code);
        return code;
    }

    private static CoinFlipRefusal Refusal(Action action) => Assert.Throws<CoinFlipException>(action).Refusal;
}
