import { sharedBuild } from '../../tsup.shared';

export default sharedBuild;
