using System.IO;
using ThaliNano.Firmware.Status.Qr;
using ThaliNano.Identity;
using ThaliNano.Store;

namespace ThaliNano.Firmware.Status
{
    /// <summary>
    /// The status page as HTML: one page, inline CSS, no script, no external asset; actions are plain form posts carrying
    /// the principal's <see cref="ActionToken"/>. Written straight into the response stream, section by section.
    /// </summary>
    internal sealed class StatusHtml
    {
        private const string Style = "body{font:14px/1.4 system-ui,sans-serif;margin:1em auto;max-width:64em;padding:0 1em;color:#222}"
            + "h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.1em;border-bottom:1px solid #ccc;margin-top:1.2em}"
            + "table{border-collapse:collapse}th,td{padding:.2em .6em;text-align:left;border-bottom:1px solid #eee}"
            + "td.n,th.n{text-align:right}code{font-size:.9em;word-break:break-all}dl{display:grid;"
            + "grid-template-columns:max-content auto;gap:.2em 1em}dt{color:#555}dd{margin:0}.qr{float:right;margin:0 0 1em 1em}"
            + ".off{color:#888}.bad{color:#b00}form{margin:0}button{font:inherit}";

        private readonly HubFacts _facts;
        private readonly PageWriter _w;
        private readonly string _principal;
        private readonly bool _admin;
        private readonly string _token;

        /// <param name="token">The principal's action token; null for principals who may not act.</param>
        public StatusHtml(HubFacts facts, Stream output, string principal, string token)
        {
            _facts = facts;
            _w = new PageWriter(output);
            _principal = principal;
            _admin = token != null;
            _token = token;
        }

        /// <param name="lastAction">What the last action did (admins see it), or null.</param>
        public void Write(string lastAction)
        {
            _w.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .Raw("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>ThaliNano hub status</title><style>")
                .Raw(Style).Raw("</style></head><body><h1>ThaliNano hub");
            if (_facts.DisplayName != null)
            {
                _w.Raw(" <small>").Text(_facts.DisplayName).Raw("</small>");
            }

            _w.Raw("</h1><p id=\"you\">You: <code>").Text(_principal).Raw("</code> (")
                .Raw(_facts.IsOwner(_principal) ? "owner" : _admin ? "admin" : "paired").Raw(")</p>");
            if (_admin && lastAction != null)
            {
                _w.Raw("<p id=\"last-action\">Last action: ").Text(lastAction).Raw("</p>");
            }

            Identity();
            Hub();
            Storage();
            Mesh();
            if (_admin)
            {
                Principals();
                Errors();
            }

            _w.Raw("</body></html>\n");
            _w.Flush();
        }

        private void Identity()
        {
            _w.Raw("<section id=\"identity\"><h2>Identity</h2>");
            QrCode qr = _facts.Qr;
            if (qr != null)
            {
                _w.Raw("<div class=\"qr\">");
                QrSvg(qr);
                _w.Raw("</div>");
            }

            _w.Raw("<dl><dt>Key id</dt><dd><code id=\"key\">").Text(_facts.HubKeyId.ToBase64Url()).Raw("</code></dd><dt>URLs</dt><dd>");
            string[] urls = _facts.Urls;
            if (urls.Length == 0)
            {
                _w.Raw("<span class=\"off\">not known to this board</span>");
            }

            for (int i = 0; i < urls.Length; i++)
            {
                _w.Raw("<code class=\"url\">").Text(urls[i]).Raw("</code><br>");
            }

            _w.Raw("</dd><dt>QR code</dt><dd>");
            if (qr != null)
            {
                _w.Raw("the shortest URL, version ").Number(qr.Version).Raw(" (").Number(qr.Size).Raw(" modules)");
            }
            else
            {
                _w.Raw("<span class=\"off\">").Raw(urls.Length == 0 ? "no URL to encode" : "the URL is too long for a QR code made here")
                    .Raw("</span>");
            }

            _w.Raw("</dd><dt>Hub uuid</dt><dd><code>").Text(_facts.HubUuid).Raw("</code></dd><dt>Boot</dt><dd>")
                .Number(_facts.Registry.Boots).Raw("</dd></dl></section>");
        }

        // One path of horizontal runs (Mx yhNv1h-Nz) inside a 4-module quiet zone.
        private void QrSvg(QrCode qr)
        {
            int side = qr.Size + 8;
            _w.Raw("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"qr\" viewBox=\"0 0 ").Number(side).Raw(" ").Number(side)
                .Raw("\" width=\"").Number(side * 4).Raw("\" height=\"").Number(side * 4)
                .Raw("\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
            for (int y = 0; y < qr.Size; y++)
            {
                int x = 0;
                while (x < qr.Size)
                {
                    if (!qr.IsDark(x, y))
                    {
                        x++;
                        continue;
                    }

                    int start = x;
                    while (x < qr.Size && qr.IsDark(x, y))
                    {
                        x++;
                    }

                    _w.Raw("M").Number(start + 4).Raw(" ").Number(y + 4).Raw("h").Number(x - start).Raw("v1h-").Number(x - start).Raw("z");
                }
            }

            _w.Raw("\"/></svg>");
        }

        private void Hub()
        {
            _w.Raw("<section id=\"hub\"><h2>Hub</h2><dl><dt>Uptime</dt><dd id=\"uptime\">");
            Duration(_facts.UptimeMilliseconds / 1000);
            _w.Raw("</dd><dt>Memory</dt><dd id=\"memory\">");
            IMemoryStatus memory = _facts.Memory;
            if (memory == null)
            {
                _w.Raw("<span class=\"off\">not reported by this board</span>");
            }
            else
            {
                Measure("in use ", memory.InUseBytes);
                Measure(", heap ", memory.HeapBytes);
                Measure(", free ", memory.FreeBytes);
                _w.Raw(" (").Text(memory.Source).Raw(")");
            }

            _w.Raw("</dd></dl></section>");
        }

        private void Storage()
        {
            StoreOptions options = _facts.StoreOptions;
            _w.Raw("<section id=\"storage\"><h2>Storage</h2><p>Used ");
            Bytes(_facts.Store.UsedBytes);
            if (options.MaxStoreBytes > 0)
            {
                _w.Raw(" of ");
                Bytes(options.MaxStoreBytes);
                _w.Raw(", of which ");
                Bytes(options.CompactionReserveBytes);
                _w.Raw(" only compaction may use");
            }
            else
            {
                _w.Raw(", no fixed quota");
            }

            if (options.MinFreeBytes > 0)
            {
                _w.Raw("; writes keep ");
                Bytes(options.MinFreeBytes);
                _w.Raw(" of the disk free");
            }

            _w.Raw(".</p>");
            if (_admin)
            {
                Databases();
            }

            _w.Raw("</section>");
        }

        private void Databases()
        {
            _w.Raw("<table id=\"databases\"><tr><th>Database</th><th class=\"n\">Docs</th><th class=\"n\">Deleted</th><th class=\"n\">Bytes</th>")
                .Raw("<th class=\"n\">Garbage</th><th class=\"n\">Quota</th><th>State</th><th></th></tr>");
            string[] names = _facts.DatabaseNames();
            for (int i = 0; i < names.Length; i++)
            {
                Database db = _facts.Open(names[i]);
                if (db == null)
                {
                    continue;
                }

                DatabaseInfo info = db.GetInfo();
                _w.Raw("<tr><td><code>").Text(names[i]).Raw("</code></td><td class=\"n\">").Number(info.DocCount)
                    .Raw("</td><td class=\"n\">").Number(info.DeletedDocCount).Raw("</td><td class=\"n\">");
                Bytes(info.SizeOnFlash);
                _w.Raw("</td><td class=\"n\">");
                long garbage = HubFacts.Garbage(info);
                if (garbage < 0)
                {
                    _w.Raw("<span class=\"off\">not measured</span>");
                }
                else
                {
                    Bytes(garbage);
                }

                _w.Raw("</td><td class=\"n\">");
                if (db.Options.QuotaBytes > 0)
                {
                    Bytes(db.Options.QuotaBytes);
                }
                else
                {
                    _w.Raw("store's");
                }

                _w.Raw("</td><td>").Raw(info.IsReadOnly ? "<span class=\"bad\">read-only: " : "ok").Text(info.Corruption)
                    .Raw(info.IsReadOnly ? "</span>" : "").Raw("</td><td>");
                Action("compact?db=", names[i], info.IsReadOnly ? "Salvage" : "Compact");
                _w.Raw("</td></tr>");
            }

            _w.Raw("</table>");
        }

        private void Mesh()
        {
            _w.Raw("<section id=\"mesh\"><h2>Mesh</h2>");
            IMeshStatus mesh = _facts.Mesh;
            if (mesh == null)
            {
                _w.Raw("<p class=\"off\">mesh: off</p></section>");
                return;
            }

            _w.Raw("<dl><dt>Pending bundles</dt><dd>").Number(mesh.PendingBundles).Raw("</dd><dt>Copies out</dt><dd>")
                .Number(mesh.CopiesOut).Raw("</dd><dt>Receipted bundles</dt><dd>").Number(mesh.ReceiptedBundles)
                .Raw("</dd><dt>Freed</dt><dd>");
            Bytes(mesh.BytesFreed);
            _w.Raw("</dd></dl><table id=\"contacts\"><tr><th>Contact</th><th>Link</th><th class=\"n\">Ago</th><th class=\"n\">Bundles</th>")
                .Raw("<th class=\"n\">Receipts</th><th>State</th></tr>");
            int count = mesh.RecentContactCount;
            for (int i = 0; i < count; i++)
            {
                MeshContact contact = mesh.RecentContact(i);
                _w.Raw("<tr><td>");
                Key(contact.Peer);
                _w.Raw("</td><td>").Text(contact.Link).Raw("</td><td class=\"n\">");
                Duration(contact.AgeSeconds);
                _w.Raw("</td><td class=\"n\">").Number(contact.BundlesSent).Raw("</td><td class=\"n\">").Number(contact.ReceiptsReceived)
                    .Raw("</td><td>").Raw(contact.Completed ? "complete" : "broken off").Raw("</td></tr>");
            }

            _w.Raw("</table>");
            if (_admin)
            {
                Action("purge-delivered", null, "Free delivered readings");
            }

            _w.Raw("</section>");
        }

        private void Principals()
        {
            _w.Raw("<section id=\"principals\"><h2>Paired principals</h2><table><tr><th>Key id</th><th>Role</th></tr>");
            PublicKeyId[] keys = _facts.Registry.Principals();
            for (int i = 0; i < keys.Length; i++)
            {
                string key = keys[i].ToBase64Url();
                _w.Raw("<tr><td>");
                Key(key);
                _w.Raw("</td><td>").Raw(_facts.IsOwner(key) ? "owner" : _facts.Couch.IsAdmin(key) ? "admin" : "paired")
                    .Raw(key == _principal ? " (you)" : "").Raw("</td></tr>");
            }

            _w.Raw("</table><h2>Groups</h2>");
            string[] groups = _facts.Groups();
            if (groups.Length == 0)
            {
                _w.Raw("<p class=\"off\">none</p></section>");
                return;
            }

            _w.Raw("<table id=\"groups\"><tr><th>Group</th><th>Members</th></tr>");
            for (int i = 0; i < groups.Length; i++)
            {
                _w.Raw("<tr><td><code>").Text(groups[i]).Raw("</code></td><td>");
                string[] members = _facts.Members(groups[i]);
                for (int j = 0; j < members.Length; j++)
                {
                    if (j > 0)
                    {
                        _w.Ascii(' ');
                    }

                    Key(members[j]);
                }

                _w.Raw("</td></tr>");
            }

            _w.Raw("</table></section>");
        }

        private void Errors()
        {
            _w.Raw("<section id=\"errors\"><h2>Recent errors</h2>");
            RecentError[] errors = _facts.Errors.Newest();
            if (errors.Length == 0)
            {
                _w.Raw("<p class=\"off\">none since the start</p></section>");
                return;
            }

            _w.Raw("<table><tr><th>After</th><th class=\"n\">Status</th><th>Request</th><th>Principal</th></tr>");
            for (int i = 0; i < errors.Length; i++)
            {
                RecentError e = errors[i];
                _w.Raw("<tr><td>");
                Duration(_facts.Elapsed(e.AtMilliseconds) / 1000);
                _w.Raw("</td><td class=\"n\">").Number(e.Status).Raw("</td><td><code>").Text(e.Method).Raw(" ").Text(e.Target)
                    .Raw("</code></td><td>");
                Key(e.Principal);
                _w.Raw("</td></tr>");
            }

            _w.Raw("</table></section>");
        }

        // A form posting to /_status/ACTION (with the database percent-encoded) and the token.
        private void Action(string action, string db, string label)
        {
            _w.Raw("<form method=\"post\" action=\"/").Raw(StatusPage.Prefix).Raw("/").Raw(action);
            // Database names are ASCII (a-z 0-9 _ $ ( ) + - /); '+' and the others are escaped for the query.
            for (int i = 0; db != null && i < db.Length; i++)
            {
                char c = db[i];
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')
                {
                    _w.Ascii(c);
                }
                else
                {
                    _w.Ascii('%').Ascii(HexDigit(c >> 4)).Ascii(HexDigit(c & 15));
                }
            }

            _w.Raw("\"><input type=\"hidden\" name=\"token\" value=\"").Text(_token).Raw("\"><button>").Raw(label).Raw("</button></form>");
        }

        private static char HexDigit(int nibble)
        {
            return (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
        }

        // A key id, shortened to its first 10 characters, the whole one in the title; "anonymous" for null.
        private void Key(string key)
        {
            if (key == null)
            {
                _w.Raw("<span class=\"off\">anonymous</span>");
                return;
            }

            _w.Raw("<code title=\"").Text(key).Raw("\">").Text(key.Length > 10 ? key.Substring(0, 10) : key)
                .Raw(key.Length > 10 ? "&hellip;" : "").Raw("</code>");
        }

        private void Measure(string label, long bytes)
        {
            _w.Raw(label);
            if (bytes < 0)
            {
                _w.Raw("<span class=\"off\">unknown</span>");
            }
            else
            {
                Bytes(bytes);
            }
        }

        // Bytes below 10 KB exactly, then whole KB, then whole MB (1024-based).
        private void Bytes(long bytes)
        {
            if (bytes < 10 * 1024)
            {
                _w.Number(bytes).Raw(" B");
            }
            else if (bytes < 10L * 1024 * 1024)
            {
                _w.Number(bytes / 1024).Raw(" KB");
            }
            else
            {
                _w.Number(bytes / (1024 * 1024)).Raw(" MB");
            }
        }

        // d h:mm:ss, the days only when there are some.
        private void Duration(long seconds)
        {
            if (seconds >= 86400)
            {
                _w.Number(seconds / 86400).Raw(" d ");
            }

            _w.Number((seconds / 3600) % 24).Raw(":");
            TwoDigits((seconds / 60) % 60);
            _w.Raw(":");
            TwoDigits(seconds % 60);
        }

        private void TwoDigits(long value)
        {
            _w.Raw(value < 10 ? "0" : "").Number(value);
        }
    }
}
