// The benchmark's baseline: a bare Node TCP echo server, printing its port like the real server does.
import net from 'node:net'

const server = net.createServer((socket) => {
  socket.setNoDelay(true)
  socket.on('error', () => socket.destroy())
  socket.on('data', (chunk) => {
    if (!socket.write(chunk)) socket.pause()
  })
  socket.on('drain', () => socket.resume())
})
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`echo listening on 127.0.0.1 port ${(server.address() as net.AddressInfo).port}`)
})
process.on('SIGTERM', () => process.exit(0))
