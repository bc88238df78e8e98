using System.Text;
using ThaliNano.Identity;

namespace ThaliNano.Client.Exchange;

/// <summary>
/// An identity to hand over as a QR code (README.md, "QR identity"): an httpkey URL, optionally a display name and, on a
/// device's label for technicians, a pairing token. Its text form is LF-separated lines, at most
/// <see cref="MaxBytes"/> bytes of UTF-8:
/// <code>
/// thalinano-identity:1
/// url=&lt;canonical httpkey URL&gt;
/// name=&lt;1-64 characters, no control characters, no surrounding spaces&gt;     (optional)
/// token=&lt;16-128 base64url characters&gt;                                        (optional)
/// </code>
/// The fields come in this order, each at most once; <see cref="Parse"/> refuses anything else.
/// </summary>
public sealed class IdentityCard
{
    public const string Header = "thalinano-identity:1";

    /// <summary>Well inside a QR code's capacity (2,331 bytes at version 40, error correction M).</summary>
    public const int MaxBytes = 1024;

    public const int MaxNameLength = 64;
    public const int MinTokenLength = 16;
    public const int MaxTokenLength = 128;

    private static readonly UTF8Encoding s_strictUtf8 = new(false, true);

    /// <param name="url">The identity's httpkey URL (its key is what the reader will pin).</param>
    /// <param name="displayName">What a person calls it; null for none.</param>
    /// <param name="pairingToken">The out-of-band pairing token of a device label; null for none.</param>
    public IdentityCard(HttpKeyUrl url, string? displayName = null, string? pairingToken = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        Url = url;
        DisplayName = displayName;
        PairingToken = pairingToken;
        string? problem = (displayName == null ? null : NameProblem(displayName)) ?? (pairingToken == null ? null : TokenProblem(pairingToken));
        if (problem != null)
        {
            throw new ArgumentException(problem);
        }

        if (s_strictUtf8.GetByteCount(Format()) > MaxBytes)
        {
            throw new ArgumentException("the identity is longer than " + MaxBytes + " bytes: use the URL's compact form");
        }
    }

    public HttpKeyUrl Url { get; }

    public string? DisplayName { get; }

    public string? PairingToken { get; }

    /// <summary>The text the QR code carries.</summary>
    public string Format()
    {
        var text = new StringBuilder(Header).Append("\nurl=").Append(Url.ToString());
        if (DisplayName != null)
        {
            text.Append("\nname=").Append(DisplayName);
        }

        if (PairingToken != null)
        {
            text.Append("\ntoken=").Append(PairingToken);
        }

        return text.ToString();
    }

    /// <summary>Reads what a QR code carried; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static IdentityCard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxBytes || Utf8Length(text) > MaxBytes)
        {
            throw new FormatException("an identity is at most " + MaxBytes + " bytes");
        }

        string[] lines = text.Split('\n');
        if (lines[0] != Header)
        {
            throw new FormatException("not a ThaliNano identity: the first line must be \"" + Header + "\"");
        }

        string[] fields = ["url", "name", "token"];
        string?[] values = new string?[fields.Length];
        int next = 0;
        for (int i = 1; i < lines.Length; i++)
        {
            int equals = lines[i].IndexOf('=');
            string field = equals < 0 ? lines[i] : lines[i][..equals];
            int index = Array.IndexOf(fields, field);
            if (equals < 0 || index < 0)
            {
                throw new FormatException("line " + (i + 1) + " is not one of url=, name=, token=");
            }

            if (index < next)
            {
                throw new FormatException("\"" + field + "\" is repeated or out of order: the fields are url, name, token in this order");
            }

            values[index] = lines[i][(equals + 1)..];
            next = index + 1;
        }

        return Create(values[0], values[1], values[2]);
    }

    private static IdentityCard Create(string? url, string? name, string? token)
    {
        if (url == null)
        {
            throw new FormatException("the identity has no url= line");
        }

        HttpKeyUrl parsed;
        try
        {
            parsed = HttpKeyUrl.Parse(url);
        }
        catch (FormatException e)
        {
            throw new FormatException("url is not an httpkey URL: " + e.Message);
        }

        if (parsed.ToString() != url)
        {
            throw new FormatException("url is not in its canonical form");
        }

        string? problem = (name == null ? null : NameProblem(name)) ?? (token == null ? null : TokenProblem(token));
        if (problem != null)
        {
            throw new FormatException(problem);
        }

        return new IdentityCard(parsed, name, token);
    }

    private static string? NameProblem(string name)
    {
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            return "a display name has 1 to " + MaxNameLength + " characters";
        }

        if (name.Any(char.IsControl) || name.Trim() != name || Utf8Length(name) < 0)
        {
            return "a display name has no control characters, no surrounding white space and no broken surrogate pairs";
        }

        return null;
    }

    private static string? TokenProblem(string token)
    {
        bool base64Url = token.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
        return token.Length < MinTokenLength || token.Length > MaxTokenLength || !base64Url
            ? "a pairing token is " + MinTokenLength + " to " + MaxTokenLength + " base64url characters (A-Z a-z 0-9 - _)"
            : null;
    }

    // -1 for text with unpaired surrogates.
    private static int Utf8Length(string text)
    {
        try
        {
            return s_strictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            return -1;
        }
    }
}
