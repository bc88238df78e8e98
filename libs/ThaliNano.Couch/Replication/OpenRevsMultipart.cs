using System.Text;
using ThaliNano.Couch.Json;
using ThaliNano.Couch.Replies;
using ThaliNano.Http;
using ThaliNano.Store;

namespace ThaliNano.Couch.Replication
{
    /// <summary>
    /// open_revs as multipart/mixed, the form the CouchDB replicator asks for (Accept: multipart/mixed), in CouchDB's
    /// layout: "--B", then per answer "\r\nContent-Type: application/json\r\n\r\n{doc}\r\n--B" (a missing revision:
    /// Content-Type "application/json; error=\"true\"" and {"missing":rev}), and a final "--".
    /// </summary>
    internal static class OpenRevsMultipart
    {
        private static readonly byte[] s_docHead = Encoding.UTF8.GetBytes("\r\nContent-Type: application/json\r\n\r\n");
        private static readonly byte[] s_errorHead = Encoding.UTF8.GetBytes("\r\nContent-Type: application/json; error=\"true\"\r\n\r\n");
        private static readonly byte[] s_end = Encoding.UTF8.GetBytes("--");

        public static void Send(HttpResponse response, OpenRevision[] answers, ReadOptions options, CouchContext context)
        {
            string boundary = context.Ids.Next("multipart", answers.Length);
            byte[] delimiter = Encoding.UTF8.GetBytes("\r\n--" + boundary);
            Reply reply = Reply.WithType(response, 200, "multipart/mixed; boundary=\"" + boundary + "\"", context.Options);
            reply.Raw(delimiter, 2, delimiter.Length - 2);
            for (int i = 0; i < answers.Length; i++)
            {
                Document d = answers[i].Document;
                reply.NextJson();
                if (d != null)
                {
                    reply.Raw(s_docHead, 0, s_docHead.Length);
                    DocumentJson.Write(reply, d, options);
                }
                else
                {
                    reply.Raw(s_errorHead, 0, s_errorHead.Length);
                    reply.Json.WriteStartObject();
                    reply.Json.WritePropertyName("missing");
                    reply.Json.WriteString(answers[i].MissingRev);
                    reply.Json.WriteEndObject();
                }

                reply.Raw(delimiter, 0, delimiter.Length);
            }

            reply.Raw(s_end, 0, s_end.Length);
            reply.Finish();
        }
    }
}
