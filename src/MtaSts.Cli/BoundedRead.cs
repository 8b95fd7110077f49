using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Cli;

/// <summary>Reads input files and standard input without ever holding more than a limit.</summary>
internal static class BoundedRead
{
    private const int InitialBufferLength = 16 * 1024;

    /// <summary>
    /// Reads up to <paramref name="limit"/> bytes and no more, so that an endless or huge input
    /// (<c>/dev/zero</c>, a wrong file) costs bounded memory. A caller that passes one byte more
    /// than it accepts can tell a full input from one that is too large.
    /// </summary>
    /// <param name="input">The stream to read.</param>
    /// <param name="limit">The most bytes to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes read.</returns>
    public static async Task<byte[]> ReadAsync(Stream input, int limit, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[Math.Min(limit, InitialBufferLength)];
        int filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (filled == limit)
                {
                    break;
                }

                Array.Resize(ref buffer, (int)Math.Min(limit, 2L * buffer.Length));
            }

            int read = await input.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return buffer.AsSpan(0, filled).ToArray();
    }

    /// <summary>Tells the exceptions that mean "this file cannot be read" from bugs.</summary>
    /// <param name="exception">What opening or reading threw.</param>
    /// <returns><see langword="true"/> for a file that is missing, unreadable or not a file.</returns>
    public static bool IsReadFailure(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or NotSupportedException;

    /// <summary>Says in a few words why a file could not be read.</summary>
    /// <param name="exception">A read failure, see <see cref="IsReadFailure"/>.</param>
    /// <param name="path">The file name as given.</param>
    /// <returns>A short sentence ending with a full stop.</returns>
    public static string Describe(Exception exception, string path) => exception switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file.",
        UnauthorizedAccessException when Directory.Exists(path) => "it is a directory.",
        _ => exception.Message.ReplaceLineEndings(" "),
    };
}
