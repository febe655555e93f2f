import { createServer, type Server } from 'node:net';
import { JavaMissingError, PortInUseError, startDynamoDbLocal } from '../../../local/dynamodb/dynamodb-local';

describe('the DynamoDB Local launcher', () => {
  it('refuses a busy port instead of hanging', async () => {
    const server: Server = await new Promise((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
    const port = (server.address() as { port: number }).port;
    try {
      await expect(startDynamoDbLocal({ port })).rejects.toThrow(PortInUseError);
    } finally {
      server.close();
    }
  });

  it('says how to install Java when there is none', async () => {
    const saved = { PATH: process.env.PATH, JAVA_HOME: process.env.JAVA_HOME };
    process.env.PATH = '/nonexistent';
    delete process.env.JAVA_HOME;
    try {
      const started = startDynamoDbLocal();
      started.then((local) => local.stop(), () => undefined);
      await expect(started).rejects.toThrow(JavaMissingError);
      await expect(started).rejects.toThrow(/Java 17 or newer.*apt-get install openjdk-17-jre-headless/s);
    } finally {
      Object.assign(process.env, saved);
    }
  });

  it('starts an instance that answers and stops it by PID', async () => {
    const local = await startDynamoDbLocal();
    const answer = await fetch(local.endpoint);
    expect(answer.status).toBeGreaterThanOrEqual(400); // DynamoDB's answer to a bare GET
    await local.stop();
    expect(() => process.kill(local.pid, 0)).toThrow();
  });
});
