using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Cli;

/// <summary>Reads the certificates of a <c>--trust-root</c> file: PEM, one certificate or several.</summary>
internal static class TrustRootFile
{
    // A bundle of every public root CA is about 250 KB; anything much larger is not a trust root file.
    private const int MaxLength = 4 * 1024 * 1024;

    /// <summary>Reads every certificate of a PEM file, or reports on one line why it cannot.</summary>
    /// <param name="path">The file name as given.</param>
    /// <param name="error">Where the problem is reported.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The certificates, at least one; <see langword="null"/> after reporting a problem.</returns>
    public static async Task<X509Certificate2Collection?> ReadAsync(
        string path,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        string? problem = null;
        X509Certificate2Collection? certificates = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            problem = "the trust root file name is empty.";
        }
        else
        {
            (certificates, problem) = await ReadCoreAsync(path, cancellationToken).ConfigureAwait(false);
        }

        if (problem is not null)
        {
            await error.WriteLineAsync($"mtasts: {problem}").ConfigureAwait(false);
        }

        return certificates;
    }

    private static async Task<(X509Certificate2Collection?, string?)> ReadCoreAsync(
        string path,
        CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            using FileStream file = File.OpenRead(path);
            bytes = await BoundedRead.ReadAsync(file, MaxLength + 1, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (BoundedRead.IsReadFailure(exception))
        {
            return (null, $"cannot read '{path}': {BoundedRead.Describe(exception, path)}");
        }

        if (bytes.Length > MaxLength)
        {
            return (null, $"'{path}' is larger than {MaxLength / (1024 * 1024)} MiB, too large for certificates.");
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            // Other PEM blocks, such as a private key, and text between the blocks are skipped.
            certificates.ImportFromPem(Encoding.UTF8.GetString(bytes));
        }
        catch (CryptographicException exception)
        {
            string reason = exception.Message.ReplaceLineEndings(" ").TrimEnd();
            return (null, $"'{path}' holds a PEM certificate that cannot be read: {reason}");
        }

        return certificates.Count == 0
            ? (null, $"'{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).")
            : (certificates, null);
    }
}
