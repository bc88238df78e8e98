using System.Text;
using ThaliNano.Client.Exchange;
using static ThaliNano.Client.Tests.Exchange.Identities;

namespace ThaliNano.Client.Tests.Exchange;

/// <summary>What an active attacker between the two screens can achieve: matching codes with probability 1e-6 per try.</summary>
public class CoinFlipAttackTests
{
    [Fact]
    public void A_man_in_the_middle_who_substitutes_his_key_on_both_sides_gets_matching_codes_almost_never()
    {
        const int attacks = 20_000;   // expected matches 0.02; more than 2 has probability ~1.3e-6
        Func<int, byte[]> random = Seeded(11);
        int matches = 0;
        for (int i = 0; i < attacks; i++)
        {
            var alice = new CoinFlipInitiator(Url("alice"), random);
            var bob = new CoinFlipResponder(Url("bob"), random);
            var mallorytoBob = new CoinFlipInitiator(Url("mallory"), random);
            var malloryToAlice = new CoinFlipResponder(Url("mallory"), random);

            // Mallory holds Alice's commitment, commits to Bob with her own key, and answers each with her own key.
            byte[] aliceCommit = alice.Commit();
            byte[] bobResponse = bob.ReceiveCommit(mallorytoBob.Commit());
            byte[] aliceOpen = alice.ReceiveResponse(malloryToAlice.ReceiveCommit(aliceCommit));
            malloryToAlice.ReceiveOpen(aliceOpen);
            CoinFlipResult bobs = bob.ReceiveOpen(mallorytoBob.ReceiveResponse(bobResponse));

            Assert.Equal(Url("mallory").KeyId, alice.Result!.PeerKeyId);
            Assert.Equal(Url("mallory").KeyId, bobs.PeerKeyId);
            matches += alice.Result.Code == bobs.Code ? 1 : 0;
        }

        Assert.InRange(matches, 0, 2);
    }

    [Fact]
    public void Mallory_cannot_reuse_alices_commitment_towards_bob_with_her_own_key()
    {
        var alice = new CoinFlipInitiator(Url("alice"), Seeded(1));
        var bob = new CoinFlipResponder(Url("bob"), Seeded(2));
        byte[] nonce = new byte[32];

        // Relaying Alice's commitment binds Bob to Alice's key and nonce: an opening with Mallory's key does not open it.
        bob.ReceiveCommit(alice.Commit());
        byte[] forged = CoinFlipMessage.EncodeKeyAndNonce(CoinFlipMessageType.Open, Url("mallory").ToString(), nonce);
        Assert.Equal(CoinFlipRefusal.CommitmentMismatch, Assert.Throws<CoinFlipException>(() => bob.ReceiveOpen(forged)).Refusal);
    }

    [Fact]
    public void The_code_changes_when_any_bit_of_either_nonce_or_either_url_changes()
    {
        Func<int, byte[]> random = Seeded(3);
        byte[] nonceA = random(32);
        byte[] nonceB = random(32);
        string urlA = Url("alice").ToString();
        string urlB = Url("bob").ToString();
        string code = CoinFlipHashes.Code(urlA, urlB, nonceA, nonceB);
        int unchanged = 0;
        int variants = 0;
        foreach (byte[] nonce in new[] { nonceA, nonceB })
        {
            for (int bit = 0; bit < 256; bit++)
            {
                nonce[bit / 8] ^= (byte)(1 << (bit % 8));
                unchanged += CoinFlipHashes.Code(urlA, urlB, nonceA, nonceB) == code ? 1 : 0;
                nonce[bit / 8] ^= (byte)(1 << (bit % 8));
                variants++;
            }
        }

        for (int bit = 0; bit < 7 * urlA.Length; bit++)
        {
            unchanged += CoinFlipHashes.Code(Flip(urlA, bit), urlB, nonceA, nonceB) == code ? 1 : 0;
            variants++;
        }

        for (int bit = 0; bit < 7 * urlB.Length; bit++)
        {
            unchanged += CoinFlipHashes.Code(urlA, Flip(urlB, bit), nonceA, nonceB) == code ? 1 : 0;
            variants++;
        }

        // Swapping the roles changes it too: the initiator's URL is hashed first.
        unchanged += CoinFlipHashes.Code(urlB, urlA, nonceB, nonceA) == code ? 1 : 0;
        Assert.Equal(512 + (7 * (urlA.Length + urlB.Length)), variants);
        Assert.Equal(0, unchanged);   // each would be a 1e-6 coincidence
    }

    // Flips one of the seven low bits of one ASCII character.
    private static string Flip(string text, int bit)
    {
        var b = new StringBuilder(text);
        b[bit / 7] = (char)(b[bit / 7] ^ (1 << (bit % 7)));
        return b.ToString();
    }
}
