import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP(S) GET with Foundation's URLSession, waited for, with a size limit.
///
/// Redirects are followed (URLSession's default); the proxy named by
/// `https_proxy` / `http_proxy` is used (libcurl reads them on Linux).
/// A response that is not 2xx, a connection that fails, or a server that
/// sends nothing for `timeout` seconds fails with ``RatesUpdateError/network``;
/// a body over `limit` bytes with ``RatesUpdateError/content``.
enum Download {
    static func fetch(_ url: URL, timeout: Double, limit: Int) throws(RatesUpdateError) -> Data {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 10
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        let receiver = Receiver(limit: limit, url: url)
        let session = URLSession(configuration: configuration, delegate: receiver, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let task = session.dataTask(with: URLRequest(url: url))
        task.resume()
        receiver.done.wait()
        return try receiver.result()
    }

    /// Collects the body and remembers the first thing that went wrong.
    final class Receiver: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private let limit: Int
        private let url: URL
        private var body = Data()
        private var failure: RatesUpdateError?

        init(limit: Int, url: URL) {
            self.limit = limit
            self.url = url
        }

        func result() throws(RatesUpdateError) -> Data {
            lock.lock()
            defer { lock.unlock() }
            if let failure { throw failure }
            return body
        }

        private func fail(_ error: RatesUpdateError) {
            lock.lock()
            if failure == nil { failure = error }
            lock.unlock()
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
            let where_ = response.url?.absoluteString ?? url.absoluteString
            if let http = response as? HTTPURLResponse, !(200...299).contains(http.statusCode) {
                fail(.network("\(where_): the server answered HTTP \(http.statusCode) (\(HTTPURLResponse.localizedString(forStatusCode: http.statusCode)))"))
                completionHandler(.cancel)
                return
            }
            if response.expectedContentLength > Int64(limit) {
                fail(.content("\(where_): the download is \(response.expectedContentLength) bytes, over the limit of \(limit / 1_000_000) MB"))
                completionHandler(.cancel)
                return
            }
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            lock.lock()
            body.append(data)
            let over = body.count > limit
            if over { body = Data() }
            lock.unlock()
            if over {
                fail(.content("\(url.absoluteString): the download passed the limit of \(limit / 1_000_000) MB"))
                dataTask.cancel()
            }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
            if let error {
                let reason: String
                if let e = error as? URLError, e.code == .timedOut {
                    reason = "no answer within the timeout"
                } else {
                    reason = (error as NSError).localizedDescription
                }
                fail(.network("\(url.absoluteString): \(reason)"))
            }
            done.signal()
        }
    }
}
